package io.packnet.benchmarks.harness;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.harness.BenchmarkRunner.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkRunnerTest {

	@Test
	void shouldParseDurationsInSecondsMillisecondsAndMinutes() {
		assertThat(BenchmarkRunner.parseDuration("15s")).isEqualTo(Duration.ofSeconds(15));
		assertThat(BenchmarkRunner.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(BenchmarkRunner.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(BenchmarkRunner.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(BenchmarkRunner.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void shouldSelectScenariosAndServersByName() {
		assertThat(BenchmarkRunner.parseScenarios("echo,idle")).containsExactly(Scenario.ECHO, Scenario.IDLE);
		assertThat(BenchmarkRunner.parseScenarios("metrics,echo-interleaved")).containsExactly(Scenario.ECHO_INTERLEAVED,
				Scenario.METRICS);
		assertThat(BenchmarkRunner.parseServers("raw-netty")).containsExactlyInAnyOrder(ServerUnderTest.RAW_NETTY_ECHO,
				ServerUnderTest.RAW_NETTY_BROADCAST);
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkRunner.parseServers("nope"))
			.withMessageContaining("No server is labelled");
	}

	@Test
	void shouldListBaselinesFirstAndKeepUnorderedServersOutOfLoadScenarios() {
		Harness harness = new Harness(BenchmarkPlan.SHORT, java.util.EnumSet.allOf(ServerUnderTest.class), System.out);
		assertThat(harness.servers(ServerUnderTest.Role.ECHO)).containsExactly(ServerUnderTest.RAW_NETTY_ECHO,
				ServerUnderTest.SPRING_INTEGRATION_ECHO, ServerUnderTest.PACKNET_ECHO,
				ServerUnderTest.PACKNET_BYTEBUF_ECHO, ServerUnderTest.PACKNET_METRICS_ECHO);
		assertThat(harness.servers(ServerUnderTest.Role.BROADCAST))
			.containsExactly(ServerUnderTest.RAW_NETTY_BROADCAST, ServerUnderTest.PACKNET_BROADCAST);
		assertThat(harness.serversIncludingUnordered(ServerUnderTest.Role.ECHO))
			.contains(ServerUnderTest.SPRING_INTEGRATION_NIO_ECHO);
	}

	@Test
	void shouldStartEachRoundOneServerLater() {
		java.util.List<String> servers = java.util.List.of("raw", "packnet", "metrics");
		assertThat(EchoThroughputScenario.rotated(servers, 0)).containsExactly("raw", "packnet", "metrics");
		assertThat(EchoThroughputScenario.rotated(servers, 1)).containsExactly("packnet", "metrics", "raw");
		assertThat(EchoThroughputScenario.rotated(servers, 4)).containsExactly("packnet", "metrics", "raw");
	}

}
