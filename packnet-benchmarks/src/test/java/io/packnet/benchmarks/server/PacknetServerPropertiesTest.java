package io.packnet.benchmarks.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.server.PacknetServer.Role;
import io.packnet.benchmarks.server.PacknetServer.Settings;

import static org.assertj.core.api.Assertions.assertThat;

class PacknetServerPropertiesTest {

	@Test
	void shouldLeaveRedisOutWhenNotAClusterNode() {
		Map<String, Object> properties = PacknetServer.properties(ServerOptions.defaults(),
				new Settings(Role.BROADCAST, 0, false, null));
		assertThat(properties).doesNotContainKey("packnet.cluster.enabled");
		assertThat(properties.get("spring.autoconfigure.exclude").toString())
			.contains(ExcludedAutoConfigurations.REDIS_CONNECTION)
			.contains(ExcludedAutoConfigurations.INTEGRATION.get(0));
	}

	@Test
	void shouldJoinTheClusterOnTheGivenRedisWithRaisedLimits() {
		Map<String, Object> properties = PacknetServer.properties(ServerOptions.defaults(),
				new Settings(Role.BROADCAST, 0, false, new ClusterOptions(6400, "bench-1")));
		assertThat(properties).containsEntry("packnet.cluster.enabled", true)
			.containsEntry("packnet.cluster.channel-prefix", "bench-1")
			.containsEntry("spring.data.redis.host", "127.0.0.1")
			.containsEntry("spring.data.redis.port", 6400)
			.containsEntry("packnet.cluster.publish-timeout", "10000ms")
			.containsEntry("packnet.cluster.max-pending-bytes", "128MB");
		assertThat(properties.get("spring.autoconfigure.exclude").toString())
			.doesNotContain(ExcludedAutoConfigurations.REDIS_CONNECTION);
	}

	@Test
	void shouldHandClusterNodesTheirOptionsOnTheCommandLine() {
		assertThat(new ClusterOptions(6400, "bench-1").args()).containsExactly("--cluster-redis-port", "6400",
				"--cluster-channel-prefix", "bench-1");
	}

}
