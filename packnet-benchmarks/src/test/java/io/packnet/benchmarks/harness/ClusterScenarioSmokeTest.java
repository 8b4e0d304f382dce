package io.packnet.benchmarks.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.harness.ClusterScenario.Row;
import io.packnet.benchmarks.harness.ClusterScenario.Setup;
import io.packnet.benchmarks.server.RelayReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The cluster scenario, short, against a real {@code redis-server}: packnet nodes in their own JVMs, checked
 * for correctness only (every broadcast reaches every receiver on both nodes once and in order, nothing
 * dropped by the relay, no Netty leak reports). Without redis-server it fails with the install command; it
 * never skips.
 */
class ClusterScenarioSmokeTest {

	@Test
	void shouldDeliverEveryBroadcastToReceiversOnBothNodes() throws Exception {
		BenchmarkPlan plan = BenchmarkPlan.SHORT.withTimes(Duration.ofMillis(300), Duration.ofSeconds(1), 1)
			.withConnections(BenchmarkPlan.SHORT.echoConnections(), 6, BenchmarkPlan.SHORT.idleConnections())
			// C1 only: the nodes start sooner, and this test asserts correctness, never speed
			.withServerJvm("256m", List.of("-Dio.netty.leakDetection.level=paranoid", "-XX:TieredStopAtLevel=1"));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Harness harness = new Harness(plan, EnumSet.of(ServerUnderTest.PACKNET_BROADCAST),
				new PrintStream(output, true, StandardCharsets.UTF_8));

		List<Row> rows = new ClusterScenario(harness, EnumSet.of(Setup.ONE_NODE, Setup.TWO_NODES)).run();

		String printed = output.toString(StandardCharsets.UTF_8);
		System.out.println(printed);
		assertThat(harness.failures()).as(printed).isEmpty();
		assertThat(rows).extracting(Row::setup).containsExactly(Setup.ONE_NODE, Setup.TWO_NODES);
		Row twoNodes = rows.get(1);
		assertThat(twoNodes.result().spec().receiverServers()).hasSize(2);
		assertThat(twoNodes.relays()).hasSize(2)
			.allSatisfy(relay -> assertThat(relay.state()).isEqualTo("UP"))
			.allSatisfy(relay -> assertThat(relay.notRelayed()).isZero());
		long broadcasts = twoNodes.result().checkedDeliveries() / 6;
		assertThat(broadcasts).isPositive();
		RelayReport sendersNode = twoNodes.relays().get(0);
		RelayReport otherNode = twoNodes.relays().get(1);
		assertThat(sendersNode.relayed()).isEqualTo(broadcasts);
		assertThat(otherNode.received()).isEqualTo(broadcasts);
		assertThat(printed).contains("2 nodes", "3 + 3").doesNotContain("Netty leak");
	}

	@Test
	void shouldNameTheInstallCommandWhenRedisServerIsMissing() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisProcess.locateBinary(null, List.of("/nonexistent")))
			.withMessageContaining("redis-server was not found in [/nonexistent]")
			.withMessageContaining("apt-get install redis-server");
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisProcess.locateBinary("/nonexistent/redis-server", RedisProcess.searchPath(null)))
			.withMessageContaining(RedisProcess.BINARY_VARIABLE + "=/nonexistent/redis-server is not an executable")
			.withMessageContaining("apt-get install redis-server");
	}

}
