package io.packnet.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.packnet.actuate.health.PacknetHealthIndicator;
import io.packnet.autoconfigure.actuate.PacknetHealthContributorAutoConfiguration;
import io.packnet.broadcast.BroadcastRelay;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.cluster.ClusterMetrics;
import io.packnet.cluster.ClusterNode;
import io.packnet.cluster.ClusterSettings;
import io.packnet.cluster.ClusterStatus;
import io.packnet.cluster.RedisBroadcastRelay;
import io.packnet.session.SessionRegistry;
import io.packnet.support.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditions, back-off, node ids and property validation of {@link ClusterAutoConfiguration} and
 * {@link ClusterActuatorAutoConfiguration}, against a real redis-server.
 */
class ClusterAutoConfigurationTests {

	private static RedisServer redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PacknetAutoConfiguration.class,
				BroadcastAutoConfiguration.class, ClusterAutoConfiguration.class,
				ClusterActuatorAutoConfiguration.class, PacknetHealthContributorAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.server.worker-threads=1", "packnet.cluster.heartbeat-interval=200ms",
				"packnet.cluster.channel-prefix=autoconfig", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.timeout=10s");

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	private ApplicationContextRunner enabled() {
		return this.runner.withPropertyValues("packnet.cluster.enabled=true", "spring.data.redis.port=" + redis.port());
	}

	@Test
	void shouldConfigureNothingForTheClusterWhenNotEnabled() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BroadcastTemplate.class)
				.doesNotHaveBean(BroadcastRelay.class)
				.doesNotHaveBean(ClusterNode.class)
				.doesNotHaveBean(ClusterMetrics.class);
			assertThat(context.getBean(PacknetHealthIndicator.class).health().getDetails()).doesNotContainKey("cluster");
			assertThat(ClusterNode.nodeOf(context.getBean(SessionRegistry.class).nextId())).isZero();
		});
	}

	@Test
	void shouldRelayThroughTheApplicationsRedisWhenEnabled() {
		enabled().run((context) -> {
			assertThat(context).hasSingleBean(RedisBroadcastRelay.class)
				.hasSingleBean(PacknetHealthIndicator.class)
				.hasSingleBean(ClusterMetrics.class);
			ClusterNode node = context.getBean(ClusterNode.class);
			assertThat(node.source()).isEqualTo(ClusterNode.Source.COUNTER);
			assertThat(ClusterNode.nodeOf(context.getBean(SessionRegistry.class).nextId())).isEqualTo(node.id());
			RedisBroadcastRelay relay = context.getBean(RedisBroadcastRelay.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> relay.status().state() == ClusterStatus.State.UP);
			PacknetHealthIndicator health = context.getBean(PacknetHealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(cluster(health)).containsEntry("status", "UP").containsEntry("nodeId", node.id());
		});
	}

	@Test
	void shouldGiveEachServerItsOwnNodeIdWhenNoneIsConfigured() {
		enabled().run((first) -> enabled().run((second) -> {
			int firstId = first.getBean(ClusterNode.class).id();
			int secondId = second.getBean(ClusterNode.class).id();
			assertThat(secondId).isNotEqualTo(firstId);
		}));
	}

	@Test
	void shouldPutTheConfiguredNodeIdInSessionIds() {
		enabled().withPropertyValues("packnet.cluster.node-id=42").run((context) -> {
			assertThat(context.getBean(ClusterNode.class).source()).isEqualTo(ClusterNode.Source.CONFIGURED);
			long id = context.getBean(SessionRegistry.class).nextId();
			assertThat(id).isEqualTo((42L << ClusterNode.NODE_ID_SHIFT) + 1);
		});
	}

	@Test
	void shouldStartDownWhenRedisIsNotRunningAndComeUpWhenItStarts() {
		try (RedisServer late = RedisServer.start()) {
			late.stop();
			this.runner.withPropertyValues("packnet.cluster.enabled=true", "packnet.cluster.node-id=7",
					"spring.data.redis.port=" + late.port(), "spring.data.redis.connect-timeout=1s").run((context) -> {
						assertThat(context).hasNotFailed();
						PacknetHealthIndicator health = context.getBean(PacknetHealthIndicator.class);
						await().atMost(Duration.ofSeconds(30))
							.until(() -> health.health().getStatus().equals(Status.DOWN));
						assertThat((String) cluster(health).get("reason")).startsWith("Redis cannot be reached");
						late.restart();
						// the subscription is retried by its container, publishing by the heartbeat
						await().atMost(Duration.ofSeconds(30))
							.until(() -> health.health().getStatus().equals(Status.UP));
					});
		}
	}

	@Test
	void shouldBackOffWhenTheUserDefinesARelay() {
		enabled().withUserConfiguration(UserRelayConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BroadcastRelay.class)
				.doesNotHaveBean(RedisBroadcastRelay.class);
			// the packnet health indicator without a cluster part
			assertThat(context.getBean(PacknetHealthIndicator.class).health().getDetails()).doesNotContainKey("cluster");
			assertThat(context.getBean(BroadcastRelay.class)).isSameAs(context.getBean("userRelay"));
			assertThat(((UserRelay) context.getBean("userRelay")).bound).isTrue();
		});
	}

	@Test
	void shouldLeaveHealthOutWhenThePacknetIndicatorIsDisabled() {
		enabled().withPropertyValues("management.health.packnet.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisBroadcastRelay.class)
				.doesNotHaveBean(PacknetHealthIndicator.class));
	}

	@Test
	void shouldFailStartupNamingTheDependencyWhenEnabledWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues("packnet.cluster.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("packnet.cluster.enabled=true needs Spring Data Redis")
					.hasMessageContaining("spring-boot-starter-data-redis");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			packnet.cluster.node-id            | 0       | unset (taken from a Redis counter) or from 1 to 8388607
			packnet.cluster.node-id            | 8388608 | unset (taken from a Redis counter) or from 1 to 8388607
			packnet.cluster.channel-prefix     | 'a b'   | a non-empty name without spaces or control characters
			packnet.cluster.max-pending-bytes  | 0B      | a positive size
			packnet.cluster.publish-timeout    | 0s      | a positive duration
			packnet.cluster.heartbeat-interval | -1s     | a positive duration
			""")
	void shouldFailStartupNamingThePropertyWhenAClusterValueIsInvalid(String property, String value, String allowed) {
		enabled().withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(property + " must be " + allowed);
		});
	}

	@Test
	void propertyDefaultsShouldMatchTheLibraryDefaults() {
		PacknetProperties.Cluster cluster = new PacknetProperties().getCluster();
		ClusterSettings defaults = ClusterSettings.defaults();
		assertThat(ClusterAutoConfiguration.settings(new PacknetProperties())).isEqualTo(defaults);
		assertThat(cluster.isEnabled()).isFalse();
		assertThat(cluster.getNodeId()).isNull();
		assertThat(PacknetProperties.MAX_NODE_ID).isEqualTo(ClusterNode.MAX_NODE_ID);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cluster(PacknetHealthIndicator health) {
		return (Map<String, Object>) health.health().getDetails().get("cluster");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRelayConfiguration {

		@Bean
		UserRelay userRelay() {
			return new UserRelay();
		}

	}

	static class UserRelay implements BroadcastRelay {

		boolean bound;

		@Override
		public void bind(LocalDelivery delivery) {
			this.bound = true;
		}

		@Override
		public boolean isActive() {
			return true;
		}

		@Override
		public void relayBroadcast(@Nullable String group, ByteBuf frame, int payloadSize, long except) {
		}

		@Override
		public boolean isRemote(long sessionId) {
			return false;
		}

		@Override
		public boolean relaySend(long sessionId, ByteBuf frame, int payloadSize) {
			return false;
		}

	}

}
