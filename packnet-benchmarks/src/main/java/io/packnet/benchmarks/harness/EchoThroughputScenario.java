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
 * Peak echo throughput: every echo server, every payload size, {@code depth} frames in flight per
 * connection. Servers alternate within each round; rounds are combined (frames and time add up,
 * histograms merge).
 */
final class EchoThroughputScenario {

	private final Harness harness;

	EchoThroughputScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	/** Runs and prints the table; returns the combined results by payload size, then server. */
	Map<Integer, Map<ServerUnderTest, EchoResult>> run() throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		List<ServerUnderTest> servers = harness.servers(Role.ECHO);
		Map<Integer, Map<ServerUnderTest, List<EchoResult>>> rounds = new LinkedHashMap<>();
		for (int round = 1; round <= plan.rounds(); round++) {
			for (int payloadSize : plan.echoPayloadSizes()) {
				for (ServerUnderTest server : servers) {
					String what = "echo " + payloadSize + " B, round " + round + "/" + plan.rounds();
					EchoResult result = harness.withServer(server, what,
							process -> EchoLoadGenerator.run(spec(plan, process, payloadSize)));
					if (result != null) {
						rounds.computeIfAbsent(payloadSize, size -> new LinkedHashMap<>())
							.computeIfAbsent(server, s -> new ArrayList<>())
							.add(result);
					}
				}
			}
		}
		Map<Integer, Map<ServerUnderTest, EchoResult>> combined = new LinkedHashMap<>();
		rounds.forEach((size, byServer) -> {
			Map<ServerUnderTest, EchoResult> results = new LinkedHashMap<>();
			byServer.forEach((server, list) -> results.put(server, EchoResult.combine(list)));
			combined.put(size, results);
		});
		print(plan, combined);
		return combined;
	}

	static EchoLoadSpec spec(BenchmarkPlan plan, ServerProcess process, int payloadSize) {
		return EchoLoadSpec.builder(process.address())
			.connections(plan.echoConnections())
			.payloadSize(payloadSize)
			.depth(plan.depth())
			.warmup(plan.warmup())
			.duration(plan.duration())
			.lengthPrefix(plan.lengthPrefix())
			.typeFieldSize(plan.typeFieldSize())
			.build();
	}

	private void print(BenchmarkPlan plan, Map<Integer, Map<ServerUnderTest, EchoResult>> results) {
		ResultTable table = new ResultTable("Echo throughput: " + plan.echoConnections() + " connections, depth "
				+ plan.depth() + ", " + plan.lengthPrefix() + " prefix, " + plan.warmup().toSeconds() + " s warmup + "
				+ plan.duration().toSeconds() + " s x " + plan.rounds() + " round(s); RTT in microseconds",
				"server", "payload", "frames/s", "MB/s", "p50", "p99", "p99.9", "max", "vs baseline");
		results.forEach((size, byServer) -> {
			double baseline = byServer.entrySet()
				.stream()
				.filter(entry -> entry.getKey().baseline())
				.mapToDouble(entry -> entry.getValue().framesPerSecond())
				.findFirst()
				.orElse(0);
			byServer.forEach((server, result) -> {
				LatencySummary latency = result.latency();
				table.addRow(server.label(), size + " B", ResultTable.number(result.framesPerSecond()),
						ResultTable.decimal(result.megabytesPerSecond()), ResultTable.decimal(latency.p50Micros()),
						ResultTable.decimal(latency.p99Micros()), ResultTable.decimal(latency.p999Micros()),
						ResultTable.decimal(latency.maxMicros()), ResultTable.ratio(result.framesPerSecond(), baseline));
			});
		});
		table.print(harness.out());
	}

}
