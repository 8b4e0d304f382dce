package io.packnet.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.BroadcastLoadGenerator;
import io.packnet.benchmarks.load.BroadcastResult;
import org.jspecify.annotations.Nullable;

/**
 * Broadcast fan-out, {@code packnet} against {@code raw-netty}, the way {@link InterleavedEchoScenario}
 * compares echo servers: both run side by side, each warmed up once, then take the broadcast load in turns,
 * raw, packnet, packnet, raw in every round, each slice with fresh connections, a settle of up to a second
 * and half the plan's duration measured.
 */
final class InterleavedBroadcastScenario {

	private static final ServerUnderTest REFERENCE = ServerUnderTest.RAW_NETTY_BROADCAST;

	private static final ServerUnderTest MEASURED = ServerUnderTest.PACKNET_BROADCAST;

	private final Harness harness;

	InterleavedBroadcastScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	/**
	 * Runs and prints the table, unless one of the two servers is not selected.
	 * @return each server's deliveries per round, the round's slices added up (empty if skipped or failed)
	 */
	Map<ServerUnderTest, List<Rate>> run() throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		List<ServerUnderTest> pair = List.of(REFERENCE, MEASURED);
		if (!harness.servers(Role.BROADCAST).containsAll(pair)) {
			harness.progress("interleaved broadcast skipped: it needs both broadcast servers");
			return Map.of();
		}
		Map<ServerUnderTest, List<Rate>> rounds = harness.withServers(pair,
				"broadcast to " + plan.broadcastReceivers() + ", interleaved",
				processes -> measure(plan, Map.of(REFERENCE, processes.get(0), MEASURED, processes.get(1))));
		if (rounds == null) {
			return Map.of();
		}
		print(plan, rounds);
		return rounds;
	}

	private static Map<ServerUnderTest, List<Rate>> measure(BenchmarkPlan plan,
			Map<ServerUnderTest, ServerProcess> processes) throws InterruptedException {
		for (ServerUnderTest server : List.of(REFERENCE, MEASURED)) {
			BroadcastLoadGenerator.run(BroadcastScenario.spec(plan, processes.get(server).address())
				.warmup(Duration.ZERO)
				.duration(plan.warmup())
				.build());
		}
		Duration settle = InterleavedEchoScenario.settle(plan);
		Map<ServerUnderTest, List<Rate>> rounds = new EnumMap<>(ServerUnderTest.class);
		for (int round = 1; round <= plan.rounds(); round++) {
			Map<ServerUnderTest, Rate> slices = new EnumMap<>(ServerUnderTest.class);
			for (ServerUnderTest server : InterleavedEchoScenario.sliceOrder(REFERENCE, MEASURED)) {
				BroadcastResult result = BroadcastLoadGenerator
					.run(BroadcastScenario.spec(plan, processes.get(server).address())
						.warmup(settle)
						.duration(plan.duration().dividedBy(2))
						.build());
				slices.merge(server, new Rate(result.deliveries(), result.seconds()), Rate::plus);
			}
			slices.forEach((server, rate) -> rounds.computeIfAbsent(server, s -> new ArrayList<>()).add(rate));
		}
		return rounds;
	}

	private void print(BenchmarkPlan plan, Map<ServerUnderTest, List<Rate>> rounds) {
		ResultTable table = new ResultTable("Broadcast, packnet vs raw Netty, interleaved: 1 sender, "
				+ plan.broadcastReceivers() + " receivers, " + plan.broadcastPayloadSize() + " B, window "
				+ plan.broadcastWindow() + "; both servers warmed " + plan.warmup().toSeconds() + " s, then " + plan.rounds()
				+ " round(s) of raw, packnet, packnet, raw slices of " + plan.duration().dividedBy(2).toMillis()
				+ " ms measured", "server", "deliveries/s", "vs " + REFERENCE.label(), "per round");
		List<Rate> reference = rounds.get(REFERENCE);
		double referenceRate = Rate.sum(reference).perSecond();
		rounds.forEach((server, list) -> table.addRow(server.label(), ResultTable.number(Rate.sum(list).perSecond()),
				ResultTable.ratio(Rate.sum(list).perSecond(), referenceRate), perRound(list, reference)));
		table.print(harness.out());
	}

	private static String perRound(List<Rate> rounds, List<Rate> reference) {
		return IntStream.range(0, rounds.size())
			.mapToObj(i -> ResultTable.ratio(rounds.get(i).perSecond(), reference.get(i).perSecond()))
			.collect(Collectors.joining(" "));
	}

	/** Deliveries over measured seconds. */
	record Rate(long deliveries, double seconds) {

		Rate plus(Rate other) {
			return new Rate(deliveries + other.deliveries, seconds + other.seconds);
		}

		double perSecond() {
			return (seconds > 0) ? deliveries / seconds : 0;
		}

		static Rate sum(@Nullable List<Rate> rates) {
			return (rates == null) ? new Rate(0, 0) : rates.stream().reduce(new Rate(0, 0), Rate::plus);
		}

	}

}
