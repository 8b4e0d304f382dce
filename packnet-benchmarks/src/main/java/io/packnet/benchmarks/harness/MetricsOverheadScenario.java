package io.packnet.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.packnet.benchmarks.harness.EchoThroughputScenario.Round;
import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.EchoLoadGenerator;
import io.packnet.benchmarks.load.EchoResult;

/**
 * What metrics cost, measured so that the machine's own drift cancels out: {@code packnet} (no meter
 * registry) and {@code packnet-metrics} run side by side, each warmed up once, then take the echo load in
 * turns, in slices ordered off, on, on, off within every round, so that a machine getting faster or slower
 * during a round weighs on both alike. Each slice opens fresh connections, settles for a second and
 * measures half the plan's duration: per round each server is measured for the plan's duration. On the
 * shared 2-core machine, separate runs of the same server differ by up to 20 % in frames/s; slices
 * seconds apart differ far less.
 */
final class MetricsOverheadScenario {

	private static final ServerUnderTest OFF = ServerUnderTest.PACKNET_ECHO;

	private static final ServerUnderTest ON = ServerUnderTest.PACKNET_METRICS_ECHO;

	private static final List<ServerUnderTest> ROUND_ORDER = List.of(OFF, ON, ON, OFF);

	private static final Duration MAX_SETTLE = Duration.ofSeconds(1);

	private final Harness harness;

	MetricsOverheadScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	/**
	 * Runs and prints the table, unless {@code packnet} or {@code packnet-metrics} is not selected.
	 * @return by payload size, each server's rounds (its slices of a round combined)
	 */
	Map<Integer, Map<ServerUnderTest, List<Round>>> run() throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		List<ServerUnderTest> servers = harness.servers(Role.ECHO);
		if (!servers.containsAll(ROUND_ORDER)) {
			harness.progress("metrics scenario skipped: it needs both " + OFF.label() + " and " + ON.label());
			return Map.of();
		}
		Map<Integer, Map<ServerUnderTest, List<Round>>> results = new LinkedHashMap<>();
		for (int payloadSize : plan.echoPayloadSizes()) {
			String what = "metrics off and on interleaved, " + payloadSize + " B";
			Map<ServerUnderTest, List<Round>> result = harness.withServers(List.of(OFF, ON), what,
					processes -> measure(plan, Map.of(OFF, processes.get(0), ON, processes.get(1)), payloadSize));
			if (result != null) {
				results.put(payloadSize, result);
			}
		}
		print(plan, results);
		return results;
	}

	private Map<ServerUnderTest, List<Round>> measure(BenchmarkPlan plan, Map<ServerUnderTest, ServerProcess> processes,
			int payloadSize) throws InterruptedException {
		for (ServerUnderTest server : List.of(OFF, ON)) {
			EchoLoadGenerator.run(EchoThroughputScenario.spec(plan, processes.get(server), payloadSize, Duration.ZERO,
					plan.warmup()));
		}
		Duration settle = (plan.warmup().compareTo(MAX_SETTLE) < 0) ? plan.warmup() : MAX_SETTLE;
		Duration slice = plan.duration().dividedBy(2);
		Map<ServerUnderTest, List<Round>> rounds = new EnumMap<>(ServerUnderTest.class);
		for (int round = 1; round <= plan.rounds(); round++) {
			Map<ServerUnderTest, List<Round>> slices = new EnumMap<>(ServerUnderTest.class);
			for (ServerUnderTest server : ROUND_ORDER) {
				ServerProcess process = processes.get(server);
				ServerCpuWindow cpu = new ServerCpuWindow(process.pid());
				EchoResult echo = EchoLoadGenerator
					.run(EchoThroughputScenario.spec(plan, process, payloadSize, settle, slice), cpu);
				slices.computeIfAbsent(server, s -> new ArrayList<>()).add(new Round(round, echo, cpu.cpuSeconds()));
			}
			int number = round;
			slices.forEach((server, list) -> rounds.computeIfAbsent(server, s -> new ArrayList<>())
				.add(new Round(number, EchoThroughputScenario.combine(list),
						list.stream().mapToDouble(Round::serverCpuSeconds).sum())));
		}
		return rounds;
	}

	private void print(BenchmarkPlan plan, Map<Integer, Map<ServerUnderTest, List<Round>>> results) {
		ResultTable table = new ResultTable("Metrics on vs off, interleaved: both servers warmed " + plan.warmup().toSeconds()
				+ " s, then " + plan.rounds() + " round(s) of off, on, on, off slices of "
				+ plan.duration().dividedBy(2).toMillis() + " ms measured; server CPU per frame in the measured slices",
				"server", "payload", "frames/s", "CPU us/frame", "vs " + OFF.label(), "per round");
		results.forEach((size, byServer) -> {
			List<Round> reference = byServer.get(OFF);
			byServer.forEach((server, rounds) -> table.addRow(server.label(), size + " B",
					ResultTable.number(EchoThroughputScenario.combine(rounds).framesPerSecond()),
					EchoThroughputScenario.micros(EchoThroughputScenario.cpuMicrosPerFrame(rounds)),
					ResultTable.ratio(EchoThroughputScenario.combine(rounds).framesPerSecond(),
							EchoThroughputScenario.combine(reference).framesPerSecond()),
					EchoThroughputScenario.perRound(rounds, reference)));
		});
		table.print(harness.out());
		results.forEach((size, byServer) -> harness.out()
			.println(EchoThroughputScenario.compare(size, ON.label() + " vs " + OFF.label() + " (interleaved)",
					byServer.get(ON), byServer.get(OFF))));
	}

}
