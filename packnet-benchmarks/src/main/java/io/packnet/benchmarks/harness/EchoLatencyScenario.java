package io.packnet.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.EchoLoadGenerator;
import io.packnet.benchmarks.load.EchoLoadSpec;
import io.packnet.benchmarks.load.EchoResult;
import io.packnet.benchmarks.load.LatencySummary;

/**
 * Echo latency under a fixed load: every echo server paced at a fraction (by default half) of the
 * baseline's peak rate, so latencies compare at equal work rather than at each server's own saturation.
 */
final class EchoLatencyScenario {

	private final Harness harness;

	EchoLatencyScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	/** Runs at {@code latencyRateFraction * baselinePeak} frames/s in total and prints the table. */
	void run(double baselinePeak) throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		double target = baselinePeak * plan.latencyRateFraction();
		Map<ServerUnderTest, List<EchoResult>> rounds = new LinkedHashMap<>();
		for (int round = 1; round <= plan.rounds(); round++) {
			for (ServerUnderTest server : harness.servers(Role.ECHO)) {
				String what = "paced echo " + plan.latencyPayloadSize() + " B at " + ResultTable.number(target)
						+ " frames/s, round " + round + "/" + plan.rounds();
				EchoResult result = harness.withServer(server, what, process -> EchoLoadGenerator.run(spec(plan,
						process, target)));
				if (result != null) {
					rounds.computeIfAbsent(server, s -> new ArrayList<>()).add(result);
				}
			}
		}
		ResultTable table = new ResultTable("Echo latency at " + Math.round(plan.latencyRateFraction() * 100)
				+ "% of the baseline's peak (" + ResultTable.number(baselinePeak) + " frames/s): "
				+ plan.latencyPayloadSize() + " B, " + plan.echoConnections() + " connections, depth cap "
				+ plan.depth() + "; RTT in microseconds; skipped = sends missed because depth frames were in flight",
				"server", "target/s", "achieved/s", "skipped", "p50", "p99", "p99.9", "max");
		rounds.forEach((server, list) -> {
			EchoResult result = EchoResult.combine(list);
			LatencySummary latency = result.latency();
			table.addRow(server.label(), ResultTable.number(target), ResultTable.number(result.framesPerSecond()),
					ResultTable.number(result.skippedFrames()), ResultTable.decimal(latency.p50Micros()), ResultTable.decimal(latency.p99Micros()),
					ResultTable.decimal(latency.p999Micros()), ResultTable.decimal(latency.maxMicros()));
		});
		table.print(harness.out());
	}

	private static EchoLoadSpec spec(BenchmarkPlan plan, ServerProcess process, double target) {
		return EchoLoadSpec.builder(process.address())
			.connections(plan.echoConnections())
			.payloadSize(plan.latencyPayloadSize())
			.depth(plan.depth())
			.warmup(plan.warmup())
			.duration(plan.duration())
			.lengthPrefix(plan.lengthPrefix())
			.typeFieldSize(plan.typeFieldSize())
			.targetFramesPerSecond(target)
			.build();
	}

}
