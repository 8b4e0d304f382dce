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
 * Two echo servers compared so that the machine's own drift cancels out: both run side by side, each warmed
 * up once, then take the echo load in turns, in slices ordered reference, measured, measured, reference
 * within every round, so that a machine getting faster or slower during a round weighs on both alike. Each
 * slice opens fresh connections, settles for a second and measures half the plan's duration: per round each
 * server is measured for the plan's duration. On the shared 2-core machine, separate runs of the same server
 * differ by up to 20 % in frames/s; slices seconds apart differ far less.
 */
final class InterleavedEchoScenario {

	private static final Duration MAX_SETTLE = Duration.ofSeconds(1);

	private final Harness harness;

	private final ServerUnderTest reference;

	private final ServerUnderTest measured;

	private final String title;

	private InterleavedEchoScenario(Harness harness, ServerUnderTest reference, ServerUnderTest measured,
			String title) {
		this.harness = Objects.requireNonNull(harness, "harness");
		this.reference = reference;
		this.measured = measured;
		this.title = title;
	}

	/** What metrics cost: {@code packnet-metrics} against {@code packnet}. */
	static InterleavedEchoScenario metrics(Harness harness) {
		return new InterleavedEchoScenario(harness, ServerUnderTest.PACKNET_ECHO,
				ServerUnderTest.PACKNET_METRICS_ECHO, "Metrics on vs off");
	}

	/** What packnet costs over hand-written Netty: {@code packnet} against {@code raw-netty}. */
	static InterleavedEchoScenario echo(Harness harness) {
		return new InterleavedEchoScenario(harness, ServerUnderTest.RAW_NETTY_ECHO, ServerUnderTest.PACKNET_ECHO,
				"Echo, packnet vs raw Netty");
	}

	/**
	 * Runs and prints the table, unless one of the two servers is not selected.
	 * @return by payload size, each server's rounds (its slices of a round combined)
	 */
	Map<Integer, Map<ServerUnderTest, List<Round>>> run() throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		List<ServerUnderTest> pair = List.of(reference, measured);
		if (!harness.servers(Role.ECHO).containsAll(pair)) {
			harness.progress(title + " skipped: it needs both " + reference.label() + " and " + measured.label());
			return Map.of();
		}
		Map<Integer, Map<ServerUnderTest, List<Round>>> results = new LinkedHashMap<>();
		for (int payloadSize : plan.echoPayloadSizes()) {
			String what = title + ", interleaved, " + payloadSize + " B";
			Map<ServerUnderTest, List<Round>> result = harness.withServers(pair, what,
					processes -> measure(plan, Map.of(reference, processes.get(0), measured, processes.get(1)),
							payloadSize));
			if (result != null) {
				results.put(payloadSize, result);
			}
		}
		print(plan, results);
		return results;
	}

	private Map<ServerUnderTest, List<Round>> measure(BenchmarkPlan plan, Map<ServerUnderTest, ServerProcess> processes,
			int payloadSize) throws InterruptedException {
		for (ServerUnderTest server : List.of(reference, measured)) {
			EchoLoadGenerator.run(EchoThroughputScenario.spec(plan, processes.get(server), payloadSize, Duration.ZERO,
					plan.warmup()));
		}
		Duration settle = settle(plan);
		Duration slice = plan.duration().dividedBy(2);
		Map<ServerUnderTest, List<Round>> rounds = new EnumMap<>(ServerUnderTest.class);
		for (int round = 1; round <= plan.rounds(); round++) {
			Map<ServerUnderTest, List<Round>> slices = new EnumMap<>(ServerUnderTest.class);
			for (ServerUnderTest server : sliceOrder(reference, measured)) {
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

	/** How long each slice settles before measuring: a second, or the plan's warmup if shorter. */
	static Duration settle(BenchmarkPlan plan) {
		return (plan.warmup().compareTo(MAX_SETTLE) < 0) ? plan.warmup() : MAX_SETTLE;
	}

	/** The slices of one round: a steady drift of the machine weighs on both servers alike. */
	static List<ServerUnderTest> sliceOrder(ServerUnderTest reference, ServerUnderTest measured) {
		return List.of(reference, measured, measured, reference);
	}

	private void print(BenchmarkPlan plan, Map<Integer, Map<ServerUnderTest, List<Round>>> results) {
		ResultTable table = new ResultTable(title + ", interleaved: both servers warmed " + plan.warmup().toSeconds()
				+ " s, then " + plan.rounds() + " round(s) of " + reference.label() + ", " + measured.label() + ", "
				+ measured.label() + ", " + reference.label() + " slices of " + plan.duration().dividedBy(2).toMillis()
				+ " ms measured; server CPU per frame in the measured slices",
				"server", "payload", "frames/s", "CPU us/frame", "vs " + reference.label(), "per round");
		results.forEach((size, byServer) -> {
			List<Round> referenceRounds = byServer.get(reference);
			double referenceRate = EchoThroughputScenario.combine(referenceRounds).framesPerSecond();
			byServer.forEach((server, rounds) -> {
				double rate = EchoThroughputScenario.combine(rounds).framesPerSecond();
				table.addRow(server.label(), size + " B", ResultTable.number(rate),
						EchoThroughputScenario.micros(EchoThroughputScenario.cpuMicrosPerFrame(rounds)),
						ResultTable.ratio(rate, referenceRate), EchoThroughputScenario.perRound(rounds, referenceRounds));
			});
		});
		table.print(harness.out());
		results.forEach((size, byServer) -> harness.out()
			.println(EchoThroughputScenario.compare(size,
					measured.label() + " vs " + reference.label() + " (interleaved)", byServer.get(measured),
					byServer.get(reference))));
	}

}
