package io.packnet.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.packnet.benchmarks.load.EchoLoadGenerator;
import io.packnet.benchmarks.load.EchoLoadSpec;
import io.packnet.benchmarks.load.EchoResult;

/**
 * The benchmark harness: {@code BenchmarkRunner [short|full] [options]} runs the selected scenarios,
 * each server in a fresh JVM, and prints one table per scenario. Exits with 1 if any run failed (a lost,
 * reordered or corrupted frame, a dropped connection, a server that did not start).
 * <p>
 * Options: {@code --scenarios echo,echo-interleaved,metrics,latency,broadcast,broadcast-interleaved,cluster,idle} (default all; {@code cluster} needs
 * {@code redis-server}), {@code --servers raw-netty,...}
 * (labels of {@link ServerUnderTest}), {@code --rounds N}, {@code --warmup 5s}, {@code --duration 15s},
 * {@code --connections N}, {@code --receivers N}, {@code --idle-connections N},
 * {@code --payload-sizes 64,1024}, {@code --server-heap 1g}, {@code --server-jvm-args "-XX:+UseParallelGC -Dx=y"}
 * (space-separated flags added to every server JVM).
 */
public final class BenchmarkRunner {

	/** The scenarios, in the order they run. */
	public enum Scenario {

		ECHO, ECHO_INTERLEAVED, METRICS, LATENCY, BROADCAST, BROADCAST_INTERLEAVED, CLUSTER, IDLE

	}

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		List<String> failures = run(args, System.out);
		if (!failures.isEmpty()) {
			System.err.println(failures.size() + " run(s) failed:");
			failures.forEach(failure -> System.err.println("  " + failure));
			System.exit(1);
		}
	}

	/** Parses {@code args}, runs, prints to {@code out}; returns the failures (empty when all passed). */
	public static List<String> run(String[] args, PrintStream out) throws InterruptedException {
		Objects.requireNonNull(args, "args");
		Objects.requireNonNull(out, "out");
		int first = (args.length > 0 && !args[0].startsWith("--")) ? 1 : 0;
		BenchmarkPlan plan = BenchmarkPlan.named((first == 1) ? args[0] : "short");
		Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
		Set<ServerUnderTest> servers = EnumSet.allOf(ServerUnderTest.class);
		if ((args.length - first) % 2 != 0) {
			throw new IllegalArgumentException("Options come in '--name value' pairs: " + Arrays.toString(args));
		}
		for (int i = first; i < args.length; i += 2) {
			String value = args[i + 1];
			switch (args[i]) {
				case "--scenarios" -> scenarios = parseScenarios(value);
				case "--servers" -> servers = parseServers(value);
				case "--rounds" -> plan = plan.withTimes(plan.warmup(), plan.duration(), Integer.parseInt(value));
				case "--warmup" -> plan = plan.withTimes(parseDuration(value), plan.duration(), plan.rounds());
				case "--duration" -> plan = plan.withTimes(plan.warmup(), parseDuration(value), plan.rounds());
				case "--connections" -> plan = plan.withConnections(Integer.parseInt(value), plan.broadcastReceivers(),
						plan.idleConnections());
				case "--receivers" -> plan = plan.withConnections(plan.echoConnections(), Integer.parseInt(value),
						plan.idleConnections());
				case "--idle-connections" -> plan = plan.withConnections(plan.echoConnections(),
						plan.broadcastReceivers(), Integer.parseInt(value));
				case "--payload-sizes" -> plan = plan.withEchoPayloadSizes(
						Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList());
				case "--server-heap" -> plan = plan.withServerJvm(value, plan.serverJvmExtraArgs());
				case "--server-jvm-args" -> plan = plan.withServerJvm(plan.serverHeap(),
						Arrays.stream(value.trim().split("\\s+")).filter(arg -> !arg.isEmpty()).toList());
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		return run(plan, scenarios, servers, out);
	}

	/** Runs {@code scenarios} of {@code plan} against {@code servers}; returns the failures. */
	public static List<String> run(BenchmarkPlan plan, Set<Scenario> scenarios, Set<ServerUnderTest> servers,
			PrintStream out) throws InterruptedException {
		Harness harness = new Harness(plan, servers, out);
		out.println("packnet benchmarks, " + plan.name() + " mode; " + Runtime.getRuntime().availableProcessors()
				+ " cores, Java " + System.getProperty("java.version") + ", server JVMs " + plan.childJvm().jvmArgs()
				+ "; load generator and servers share this machine");
		if (!scenarios.equals(EnumSet.of(Scenario.IDLE))) {
			warmUpLoadGenerator(harness);
		}
		Map<Integer, Map<ServerUnderTest, EchoResult>> echo = Map.of();
		if (scenarios.contains(Scenario.ECHO)) {
			echo = new EchoThroughputScenario(harness).run();
		}
		if (scenarios.contains(Scenario.ECHO_INTERLEAVED)) {
			InterleavedEchoScenario.echo(harness).run();
		}
		if (scenarios.contains(Scenario.METRICS)) {
			InterleavedEchoScenario.metrics(harness).run();
		}
		if (scenarios.contains(Scenario.LATENCY)) {
			double peak = baselinePeak(echo, plan.latencyPayloadSize());
			if (peak == 0) {
				harness.progress("measuring the baseline's peak for the latency scenario");
				BenchmarkPlan baselineOnly = plan.withEchoPayloadSizes(List.of(plan.latencyPayloadSize()))
					.withTimes(plan.warmup(), plan.duration(), 1);
				Harness peakHarness = new Harness(baselineOnly, baselineServers(), out);
				peak = baselinePeak(new EchoThroughputScenario(peakHarness).run(), plan.latencyPayloadSize());
			}
			if (peak > 0) {
				new EchoLatencyScenario(harness).run(peak);
			}
		}
		if (scenarios.contains(Scenario.BROADCAST)) {
			new BroadcastScenario(harness).run();
		}
		if (scenarios.contains(Scenario.BROADCAST_INTERLEAVED)) {
			new InterleavedBroadcastScenario(harness).run();
		}
		if (scenarios.contains(Scenario.CLUSTER)) {
			new ClusterScenario(harness).run();
		}
		if (scenarios.contains(Scenario.IDLE)) {
			new IdleMemoryScenario(harness).run();
		}
		return harness.failures();
	}

	/**
	 * Runs unreported echo load against the baseline so that the load generator's own code is compiled
	 * before the first measured run; otherwise whichever server goes first pays for the client's JIT.
	 */
	private static void warmUpLoadGenerator(Harness harness) throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		harness.withServer(ServerUnderTest.RAW_NETTY_ECHO, "load generator warmup (not reported)", process -> {
			for (int payloadSize : plan.echoPayloadSizes()) {
				EchoLoadGenerator.run(EchoLoadSpec.builder(process.address())
					.connections(plan.echoConnections())
					.depth(plan.depth())
					.payloadSize(payloadSize)
					.lengthPrefix(plan.lengthPrefix())
					.warmup(Duration.ZERO)
					.duration(plan.warmup())
					.build());
			}
			return null;
		});
	}

	private static double baselinePeak(Map<Integer, Map<ServerUnderTest, EchoResult>> echo, int payloadSize) {
		return echo.getOrDefault(payloadSize, Map.of())
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().baseline())
			.mapToDouble(entry -> entry.getValue().framesPerSecond())
			.findFirst()
			.orElse(0);
	}

	private static Set<ServerUnderTest> baselineServers() {
		return Arrays.stream(ServerUnderTest.values()).filter(ServerUnderTest::baseline).collect(Collectors.toSet());
	}

	static Set<Scenario> parseScenarios(String value) {
		return Arrays.stream(value.split(","))
			.map(name -> Scenario.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Scenario.class)));
	}

	static Set<ServerUnderTest> parseServers(String value) {
		Set<String> labels = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toCollection(LinkedHashSet::new));
		Set<ServerUnderTest> servers = Arrays.stream(ServerUnderTest.values())
			.filter(server -> labels.contains(server.label()))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(ServerUnderTest.class)));
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("No server is labelled " + labels);
		}
		return servers;
	}

	/** Parses {@code 500ms}, {@code 15s}, {@code 2m} or an ISO-8601 duration. */
	static Duration parseDuration(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		if (text.startsWith("p")) {
			return Duration.parse(value.trim());
		}
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		if (text.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
		}
		if (text.endsWith("m")) {
			return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
		}
		throw new IllegalArgumentException("Cannot read duration '" + value + "' (500ms, 15s, 2m or PT15S)");
	}

}
