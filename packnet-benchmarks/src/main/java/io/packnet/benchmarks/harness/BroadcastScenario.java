package io.packnet.benchmarks.harness;

import java.util.Objects;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.BroadcastLoadGenerator;
import io.packnet.benchmarks.load.BroadcastLoadSpec;
import io.packnet.benchmarks.load.BroadcastResult;
import io.packnet.benchmarks.load.LatencySummary;

/** Broadcast fan-out: one sender, many receivers, each broadcast server in a fresh JVM per round. */
final class BroadcastScenario {

	private final Harness harness;

	BroadcastScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	void run() throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		ResultTable table = new ResultTable("Broadcast: 1 sender, " + plan.broadcastReceivers() + " receivers, "
				+ plan.broadcastPayloadSize() + " B, window " + plan.broadcastWindow() + ", "
				+ plan.warmup().toSeconds() + " s warmup + " + plan.duration().toSeconds()
				+ " s; send-to-delivery latency in microseconds", "server", "round", "deliveries/s", "broadcasts/s",
				"MB/s", "p50", "p99", "p99.9", "max", "vs baseline");
		double baseline = 0;
		for (int round = 1; round <= plan.rounds(); round++) {
			for (ServerUnderTest server : harness.servers(Role.BROADCAST)) {
				String what = "broadcast to " + plan.broadcastReceivers() + ", round " + round + "/" + plan.rounds();
				BroadcastResult result = harness.withServer(server, what,
						process -> BroadcastLoadGenerator.run(spec(plan, process)));
				if (result == null) {
					continue;
				}
				if (server.baseline()) {
					baseline = result.deliveriesPerSecond();
				}
				LatencySummary latency = result.latency();
				table.addRow(server.label(), round, ResultTable.number(result.deliveriesPerSecond()),
						ResultTable.number(result.broadcastsPerSecond()), ResultTable.decimal(result.megabytesPerSecond()),
						ResultTable.decimal(latency.p50Micros()), ResultTable.decimal(latency.p99Micros()),
						ResultTable.decimal(latency.p999Micros()), ResultTable.decimal(latency.maxMicros()),
						ResultTable.ratio(result.deliveriesPerSecond(), baseline));
			}
		}
		table.print(harness.out());
	}

	private static BroadcastLoadSpec spec(BenchmarkPlan plan, ServerProcess process) {
		return BroadcastLoadSpec.builder(process.address())
			.receivers(plan.broadcastReceivers())
			.payloadSize(plan.broadcastPayloadSize())
			.window(plan.broadcastWindow())
			.warmup(plan.warmup())
			.duration(plan.duration())
			.lengthPrefix(plan.lengthPrefix())
			.build();
	}

}
