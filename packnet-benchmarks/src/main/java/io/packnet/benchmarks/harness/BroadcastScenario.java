package io.packnet.benchmarks.harness;

import java.net.InetSocketAddress;
import java.util.List;
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
		ResultTable table = new ResultTable("Broadcast: " + describe(plan), ResultTable.headers(List.of("server", "round"),
				MEASUREMENT_HEADERS, List.of("vs baseline")));
		double baseline = 0;
		for (int round = 1; round <= plan.rounds(); round++) {
			for (ServerUnderTest server : harness.servers(Role.BROADCAST)) {
				String what = "broadcast to " + plan.broadcastReceivers() + ", round " + round + "/" + plan.rounds();
				BroadcastResult result = harness.withServer(server, what,
						process -> BroadcastLoadGenerator.run(spec(plan, process.address()).build()));
				if (result == null) {
					continue;
				}
				if (server.baseline()) {
					baseline = result.deliveriesPerSecond();
				}
				table.addRow(List.of(server.label(), round), measurementCells(result),
						List.of(ResultTable.ratio(result.deliveriesPerSecond(), baseline)));
			}
		}
		table.print(harness.out());
	}

	/** The columns of {@link #measurementCells}. */
	static final List<String> MEASUREMENT_HEADERS = List.of("deliveries/s", "broadcasts/s", "MB/s", "p50", "p99",
			"p99.9", "max");

	/** The plan's broadcast load, e.g. {@code 1 sender, 20 receivers, 128 B, window 128, 2 s warmup + 2 s}. */
	static String describe(BenchmarkPlan plan) {
		return "1 sender, " + plan.broadcastReceivers() + " receivers, " + plan.broadcastPayloadSize() + " B, window "
				+ plan.broadcastWindow() + ", " + plan.warmup().toSeconds() + " s warmup + " + plan.duration().toSeconds()
				+ " s; send-to-delivery latency in microseconds";
	}

	/** The plan's broadcast load with the sender (and, unless changed, every receiver) on {@code server}. */
	static BroadcastLoadSpec.Builder spec(BenchmarkPlan plan, InetSocketAddress server) {
		return BroadcastLoadSpec.builder(server)
			.receivers(plan.broadcastReceivers())
			.payloadSize(plan.broadcastPayloadSize())
			.window(plan.broadcastWindow())
			.warmup(plan.warmup())
			.duration(plan.duration())
			.lengthPrefix(plan.lengthPrefix());
	}

	/** Deliveries/s, broadcasts/s, MB/s and latency percentiles of one run, formatted for a table. */
	static List<String> measurementCells(BroadcastResult result) {
		LatencySummary latency = result.latency();
		return List.of(ResultTable.number(result.deliveriesPerSecond()), ResultTable.number(result.broadcastsPerSecond()),
				ResultTable.decimal(result.megabytesPerSecond()), ResultTable.decimal(latency.p50Micros()),
				ResultTable.decimal(latency.p99Micros()), ResultTable.decimal(latency.p999Micros()),
				ResultTable.decimal(latency.maxMicros()));
	}

}
