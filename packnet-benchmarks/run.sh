#!/usr/bin/env bash
# Builds packnet-benchmarks and runs the harness or JMH.
#
#   ./run.sh [short|full] [harness options]   compare the servers; results also go to target/benchmark-<mode>-<time>.txt
#   ./run.sh jmh [regex] [JMH options]        run JMH microbenchmarks, e.g. ./run.sh jmh RawNettyFrameDecode -f 1
#
# Harness options (see BenchmarkRunner): --scenarios echo,latency,broadcast,cluster,idle  --servers raw-netty,...
#   (cluster runs a redis-server: apt-get install redis-server)
#   --rounds N  --warmup 5s  --duration 15s  --connections N  --receivers N  --idle-connections N
#   --payload-sizes 64,1024  --server-heap 1g
# Environment: LOAD_JAVA_OPTS (flags for the load generator JVM; default -Xms1g -Xmx1g), SKIP_BUILD=1,
#   MVN_OPTS_EXTRA (e.g. -o for an offline build).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
mode="${1:-short}"
if [[ $# -gt 0 ]]; then shift; fi

if [[ "${SKIP_BUILD:-0}" != "1" || ! -f target/classpath.txt ]]; then
  # build in the reactor (-am), so that target/classpath.txt points at the packnet modules' fresh jars
  # (../packnet-spring-boot-autoconfigure/target/...) and nothing is installed into ~/.m2
  # shellcheck disable=SC2086
  (cd .. && mvn -q -B ${MVN_OPTS_EXTRA:-} -pl packnet-benchmarks -am -DskipTests package)
fi
classpath="target/classes:$(cat target/classpath.txt)"

case "$mode" in
  short|full)
    mkdir -p target
    report="target/benchmark-${mode}-$(date +%Y%m%d-%H%M%S).txt"
    set +e
    # shellcheck disable=SC2086
    java ${LOAD_JAVA_OPTS:--Xms1g -Xmx1g} -cp "$classpath" io.packnet.benchmarks.harness.BenchmarkRunner \
      "$mode" "$@" 2>&1 | tee "$report"
    status=${PIPESTATUS[0]}
    set -e
    echo "Report: $report"
    exit "$status"
    ;;
  jmh)
    exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
    ;;
  *)
    echo "usage: $0 [short|full|jmh] [options]" >&2
    exit 2
    ;;
esac
