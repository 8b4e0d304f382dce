/**
 * JMH microbenchmarks. Run them with
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main [regex] [jmh options]}
 * after {@code mvn package}, or {@code ./run.sh jmh [regex] [jmh options]}.
 */
package io.packnet.benchmarks.jmh;
