package io.packnet.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.EchoLoadGenerator;
import io.packnet.benchmarks.load.EchoLoadSpec;
import io.packnet.benchmarks.load.EchoResult;
import io.packnet.benchmarks.load.LatencySummary;
import org.jspecify.annotations.Nullable;

/**
 * Peak echo throughput: every echo server, every payload size, {@code depth} frames in flight per
 * connection. Servers alternate within each round, starting one server later each round so that no
 * server always runs first or last; rounds are combined (frames, time and server CPU add up, histograms
 * merge). Beside frames/s the table shows the server's CPU time per echoed frame in the measured window
 * and each round's ratio to that round's baseline, so the spread between rounds is in plain sight.
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
		Map<Integer, Map<ServerUnderTest, List<Round>>> rounds = new LinkedHashMap<>();
		for (int round = 1; round <= plan.rounds(); round++) {
			for (int payloadSize : plan.echoPayloadSizes()) {
				int number = round;
				for (ServerUnderTest server : rotated(servers, round - 1)) {
					String what = "echo " + payloadSize + " B, round " + round + "/" + plan.rounds();
					Round result = harness.withServer(server, what, process -> {
						ServerCpuWindow cpu = new ServerCpuWindow(process.pid());
						EchoResult echo = EchoLoadGenerator.run(spec(plan, process, payloadSize), cpu);
						return new Round(number, echo, cpu.cpuSeconds());
					});
					if (result != null) {
						rounds.computeIfAbsent(payloadSize, size -> new LinkedHashMap<>())
							.computeIfAbsent(server, s -> new ArrayList<>())
							.add(result);
					}
				}
			}
		}
		print(plan, servers, rounds);
		Map<Integer, Map<ServerUnderTest, EchoResult>> combined = new LinkedHashMap<>();
		rounds.forEach((size, byServer) -> {
			Map<ServerUnderTest, EchoResult> results = new LinkedHashMap<>();
			byServer.forEach((server, list) -> results.put(server, combine(list)));
			combined.put(size, results);
		});
		return combined;
	}

	static EchoLoadSpec spec(BenchmarkPlan plan, ServerProcess process, int payloadSize) {
		return spec(plan, process, payloadSize, plan.warmup(), plan.duration());
	}

	/** The plan's echo load on {@code process}, with its own warmup and measured time. */
	static EchoLoadSpec spec(BenchmarkPlan plan, ServerProcess process, int payloadSize, Duration warmup,
			Duration duration) {
		return EchoLoadSpec.builder(process.address())
			.connections(plan.echoConnections())
			.payloadSize(payloadSize)
			.depth(plan.depth())
			.warmup(warmup)
			.duration(duration)
			.lengthPrefix(plan.lengthPrefix())
			.typeFieldSize(plan.typeFieldSize())
			.build();
	}

	/** {@code servers} starting at index {@code shift} (modulo their number), wrapping around. */
	static <T> List<T> rotated(List<T> servers, int shift) {
		List<T> order = new ArrayList<>(servers.size());
		for (int i = 0; i < servers.size(); i++) {
			order.add(servers.get((i + shift) % servers.size()));
		}
		return order;
	}

	static EchoResult combine(List<Round> rounds) {
		return EchoResult.combine(rounds.stream().map(Round::echo).toList());
	}

	/** Server CPU microseconds per echoed frame over {@code rounds}, or {@code NaN} if any is unknown. */
	static double cpuMicrosPerFrame(List<Round> rounds) {
		double cpu = rounds.stream().mapToDouble(Round::serverCpuSeconds).sum();
		long frames = rounds.stream().mapToLong(round -> round.echo().frames()).sum();
		return (frames > 0) ? cpu * 1e6 / frames : Double.NaN;
	}

	private void print(BenchmarkPlan plan, List<ServerUnderTest> servers,
			Map<Integer, Map<ServerUnderTest, List<Round>>> results) {
		ResultTable table = new ResultTable("Echo throughput: " + plan.echoConnections() + " connections, depth "
				+ plan.depth() + ", " + plan.lengthPrefix() + " prefix, " + plan.warmup().toSeconds() + " s warmup + "
				+ plan.duration().toSeconds() + " s x " + plan.rounds() + " round(s); RTT in microseconds; "
				+ "server CPU per frame in the measured window",
				"server", "payload", "frames/s", "MB/s", "p50", "p99", "p99.9", "max", "CPU us/frame", "vs baseline",
				"per round");
		List<String> comparisons = new ArrayList<>();
		results.forEach((size, byServer) -> {
			List<Round> baseline = byServer.entrySet()
				.stream()
				.filter(entry -> entry.getKey().baseline())
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(List.of());
			double baselineRate = baseline.isEmpty() ? 0 : combine(baseline).framesPerSecond();
			byServer.forEach((server, rounds) -> {
				EchoResult result = combine(rounds);
				LatencySummary latency = result.latency();
				table.addRow(server.label(), size + " B", ResultTable.number(result.framesPerSecond()),
						ResultTable.decimal(result.megabytesPerSecond()), ResultTable.decimal(latency.p50Micros()),
						ResultTable.decimal(latency.p99Micros()), ResultTable.decimal(latency.p999Micros()),
						ResultTable.decimal(latency.maxMicros()), micros(cpuMicrosPerFrame(rounds)),
						ResultTable.ratio(result.framesPerSecond(), baselineRate), perRound(rounds, baseline));
			});
			String metrics = compare(size, "packnet-metrics vs packnet", byServer.get(ServerUnderTest.PACKNET_METRICS_ECHO),
					byServer.get(ServerUnderTest.PACKNET_ECHO));
			if (metrics != null) {
				comparisons.add(metrics);
			}
		});
		table.print(harness.out());
		comparisons.forEach(harness.out()::println);
	}

	/** Each round's frames/s over the same round's frames/s of {@code reference}, in round order. */
	static String perRound(List<Round> rounds, List<Round> reference) {
		Map<Integer, Double> referenceRates = reference.stream()
			.collect(Collectors.toMap(Round::number, round -> round.echo().framesPerSecond()));
		return rounds.stream()
			.map(round -> ResultTable.ratio(round.echo().framesPerSecond(),
					referenceRates.getOrDefault(round.number(), 0.0)))
			.collect(Collectors.joining(" "));
	}

	/** E.g. {@code packnet-metrics vs packnet, 64 B: frames/s 0.97 (per round 0.95 1.01), CPU per frame +3.2 %}. */
	static @Nullable String compare(int size, String what, @Nullable List<Round> measured,
			@Nullable List<Round> reference) {
		if (measured == null || reference == null) {
			return null;
		}
		double cpu = cpuMicrosPerFrame(measured) / cpuMicrosPerFrame(reference) - 1;
		return what + ", " + size + " B: frames/s " + ResultTable.ratio(combine(measured).framesPerSecond(),
				combine(reference).framesPerSecond()) + " (per round " + perRound(measured, reference)
				+ "), server CPU per frame " + (Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", cpu * 100));
	}

	static String micros(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
	}

	/** One server's run in one round. */
	record Round(int number, EchoResult echo, double serverCpuSeconds) {
	}

}
