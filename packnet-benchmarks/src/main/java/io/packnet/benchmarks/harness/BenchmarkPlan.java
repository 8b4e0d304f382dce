package io.packnet.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.packnet.benchmarks.wire.LengthPrefix;

/**
 * Everything a benchmark run needs to know: load shapes, times and server JVM settings.
 * {@link #SHORT} takes about a minute; {@link #FULL} follows the numbers.
 *
 * @param name the plan's name, printed with the results
 * @param echoConnections echo connections
 * @param depth echo frames in flight per connection
 * @param echoPayloadSizes echo payload sizes, one throughput table row per server and size
 * @param latencyPayloadSize the payload size of the paced latency run
 * @param latencyRateFraction the paced rate as a fraction of the baseline's peak at that size
 * @param broadcastReceivers broadcast receiver connections (plus one sender)
 * @param broadcastPayloadSize broadcast payload size
 * @param broadcastWindow broadcasts not yet delivered everywhere that the sender may have out
 * @param idleConnections idle connections for the memory scenario
 * @param warmup warmup per run
 * @param duration measured time per run
 * @param rounds rounds per scenario; servers alternate within a round
 * @param serverHeap the -Xms/-Xmx of every server JVM
 * @param lengthPrefix the frame length prefix (all servers must support it)
 * @param typeFieldSize type field bytes at the start of echo payloads
 * @param serverJvmExtraArgs further flags for every server JVM
 */
public record BenchmarkPlan(String name, int echoConnections, int depth, List<Integer> echoPayloadSizes,
		int latencyPayloadSize, double latencyRateFraction, int broadcastReceivers, int broadcastPayloadSize,
		int broadcastWindow, int idleConnections, Duration warmup, Duration duration, int rounds, String serverHeap,
		LengthPrefix lengthPrefix, int typeFieldSize, List<String> serverJvmExtraArgs) {

	/** A few seconds per run: shows that everything works and roughly how it compares. */
	public static final BenchmarkPlan SHORT = new BenchmarkPlan("short", 10, 16, List.of(64, 1024), 64, 0.5, 20, 128,
			128, 500, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, "512m", LengthPrefix.DEFAULT, 2, List.of());

	/**
	 * The numbers: 100 connections at depth 16, 1,000 broadcast receivers, 10,000 idle connections.
	 * The warmup is long enough for C2 to compile the server's hot path under load on 2 shared cores: a
	 * Spring Boot application has more code to compile than a bare Netty main, and after 3-5 s it was still
	 * compiling (packnet measured 0.6-0.7x raw Netty on echo then, 1.0-1.1x after 12 s).
	 */
	public static final BenchmarkPlan FULL = new BenchmarkPlan("full", 100, 16, List.of(64, 1024), 64, 0.5, 1000, 128,
			32, 10_000, Duration.ofSeconds(15), Duration.ofSeconds(15), 2, "1g", LengthPrefix.DEFAULT, 2, List.of());

	public BenchmarkPlan {
		Objects.requireNonNull(name, "name");
		echoPayloadSizes = List.copyOf(Objects.requireNonNull(echoPayloadSizes, "echoPayloadSizes"));
		Objects.requireNonNull(warmup, "warmup");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(serverHeap, "serverHeap");
		Objects.requireNonNull(lengthPrefix, "lengthPrefix");
		serverJvmExtraArgs = List.copyOf(Objects.requireNonNull(serverJvmExtraArgs, "serverJvmExtraArgs"));
		if (rounds <= 0) {
			throw new IllegalArgumentException("rounds must be > 0");
		}
	}

	/** The plan called {@code short} or {@code full}. */
	public static BenchmarkPlan named(String name) {
		return switch (Objects.requireNonNull(name, "name")) {
			case "short" -> SHORT;
			case "full" -> FULL;
			default -> throw new IllegalArgumentException("Unknown mode '" + name + "' (short or full)");
		};
	}

	/** How every server JVM is launched. */
	public ChildJvm childJvm() {
		return ChildJvm.withHeap(serverHeap, serverJvmExtraArgs.toArray(String[]::new));
	}

	/** The options every server gets. */
	public List<String> serverArgs() {
		return List.of("--header-size", String.valueOf(lengthPrefix.size()), "--byte-order",
				lengthPrefix.order().toString());
	}

	/** The options {@code server} gets: the common ones, plus the type field size for a server routing on it. */
	public List<String> serverArgs(ServerUnderTest server) {
		Objects.requireNonNull(server, "server");
		if (!server.routesOnTypeField()) {
			return serverArgs();
		}
		List<String> args = new java.util.ArrayList<>(serverArgs());
		args.addAll(List.of("--type-field-size", String.valueOf(typeFieldSize)));
		return List.copyOf(args);
	}

	public BenchmarkPlan withTimes(Duration warmup, Duration duration, int rounds) {
		return new BenchmarkPlan(name, echoConnections, depth, echoPayloadSizes, latencyPayloadSize,
				latencyRateFraction, broadcastReceivers, broadcastPayloadSize, broadcastWindow, idleConnections, warmup,
				duration, rounds, serverHeap, lengthPrefix, typeFieldSize, serverJvmExtraArgs);
	}

	public BenchmarkPlan withConnections(int echoConnections, int broadcastReceivers, int idleConnections) {
		return new BenchmarkPlan(name, echoConnections, depth, echoPayloadSizes, latencyPayloadSize,
				latencyRateFraction, broadcastReceivers, broadcastPayloadSize, broadcastWindow, idleConnections, warmup,
				duration, rounds, serverHeap, lengthPrefix, typeFieldSize, serverJvmExtraArgs);
	}

	public BenchmarkPlan withServerJvm(String serverHeap, List<String> serverJvmExtraArgs) {
		return new BenchmarkPlan(name, echoConnections, depth, echoPayloadSizes, latencyPayloadSize,
				latencyRateFraction, broadcastReceivers, broadcastPayloadSize, broadcastWindow, idleConnections, warmup,
				duration, rounds, serverHeap, lengthPrefix, typeFieldSize, serverJvmExtraArgs);
	}

	public BenchmarkPlan withEchoPayloadSizes(List<Integer> echoPayloadSizes) {
		return new BenchmarkPlan(name, echoConnections, depth, echoPayloadSizes, latencyPayloadSize,
				latencyRateFraction, broadcastReceivers, broadcastPayloadSize, broadcastWindow, idleConnections, warmup,
				duration, rounds, serverHeap, lengthPrefix, typeFieldSize, serverJvmExtraArgs);
	}

}
