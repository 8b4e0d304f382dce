package io.packnet.benchmarks.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.packnet.benchmarks.harness.EchoThroughputScenario.Round;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interleaved scenarios, short: two servers in their own JVMs take the load in turns, every slice
 * checked for correctness and measured for the server's CPU. Never on numbers.
 */
class InterleavedScenariosSmokeTest {

	@Test
	void shouldMeasureBothServersInEveryRound() throws Exception {
		BenchmarkPlan plan = BenchmarkPlan.SHORT.withTimes(Duration.ofMillis(300), Duration.ofSeconds(1), 2)
			.withEchoPayloadSizes(List.of(64))
			// C1 only: the servers start sooner, and this test asserts correctness, never speed
			.withServerJvm("256m", List.of("-Dio.netty.leakDetection.level=paranoid", "-XX:TieredStopAtLevel=1"));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Harness harness = new Harness(plan,
				EnumSet.of(ServerUnderTest.PACKNET_ECHO, ServerUnderTest.PACKNET_METRICS_ECHO),
				new PrintStream(output, true, StandardCharsets.UTF_8));

		Map<Integer, Map<ServerUnderTest, List<Round>>> results = InterleavedEchoScenario.metrics(harness).run();

		String printed = output.toString(StandardCharsets.UTF_8);
		System.out.println(printed);
		assertThat(harness.failures()).as(printed).isEmpty();
		assertThat(results.get(64)).containsOnlyKeys(ServerUnderTest.PACKNET_ECHO, ServerUnderTest.PACKNET_METRICS_ECHO)
			.allSatisfy((server, rounds) -> assertThat(rounds).extracting(Round::number).containsExactly(1, 2))
			.allSatisfy((server, rounds) -> assertThat(rounds).allSatisfy((round) -> {
				// two slices of 500 ms each, every reply checked
				assertThat(round.echo().seconds()).isEqualTo(1.0);
				assertThat(round.echo().checkedReplies()).isPositive();
				assertThat(round.serverCpuSeconds()).isNotNaN();
			}));
		assertThat(printed).contains("packnet-metrics vs packnet (interleaved), 64 B: frames/s")
			.doesNotContain("Netty leak");
	}

	@Test
	void shouldSkipWithoutBothServers() throws Exception {
		Harness harness = new Harness(BenchmarkPlan.SHORT, EnumSet.of(ServerUnderTest.PACKNET_ECHO),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		assertThat(InterleavedEchoScenario.metrics(harness).run()).isEmpty();
	}

	@Test
	void shouldDeliverEveryBroadcastFromBothServersInEveryRound() throws Exception {
		BenchmarkPlan plan = BenchmarkPlan.SHORT.withTimes(Duration.ofMillis(300), Duration.ofSeconds(1), 2)
			.withConnections(BenchmarkPlan.SHORT.echoConnections(), 6, BenchmarkPlan.SHORT.idleConnections())
			.withServerJvm("256m", List.of("-Dio.netty.leakDetection.level=paranoid", "-XX:TieredStopAtLevel=1"));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Harness harness = new Harness(plan,
				EnumSet.of(ServerUnderTest.RAW_NETTY_BROADCAST, ServerUnderTest.PACKNET_BROADCAST),
				new PrintStream(output, true, StandardCharsets.UTF_8));

		Map<ServerUnderTest, List<InterleavedBroadcastScenario.Rate>> rounds = new InterleavedBroadcastScenario(harness)
			.run();

		String printed = output.toString(StandardCharsets.UTF_8);
		System.out.println(printed);
		assertThat(harness.failures()).as(printed).isEmpty();
		assertThat(rounds).containsOnlyKeys(ServerUnderTest.RAW_NETTY_BROADCAST, ServerUnderTest.PACKNET_BROADCAST)
			.allSatisfy((server, rates) -> assertThat(rates).hasSize(2)
				.allSatisfy((rate) -> assertThat(rate.seconds()).isEqualTo(1.0)));
		assertThat(printed).contains("Broadcast, packnet vs raw Netty, interleaved").doesNotContain("Netty leak");
	}

}
