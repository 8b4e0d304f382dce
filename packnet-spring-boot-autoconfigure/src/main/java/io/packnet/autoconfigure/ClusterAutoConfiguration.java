package io.packnet.autoconfigure;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.packnet.broadcast.BroadcastRelay;
import io.packnet.cluster.ClusterNode;
import io.packnet.cluster.ClusterSettings;
import io.packnet.cluster.ClusterStatistics;
import io.packnet.cluster.RedisBroadcastRelay;
import io.packnet.session.SessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configures the cluster relay when {@code packnet.cluster.enabled=true}: a {@link ClusterNode}
 * (from {@code packnet.cluster.node-id} or a Redis counter), a {@link SessionRegistry} whose ids
 * carry the node id, and a {@link RedisBroadcastRelay} on the application's
 * {@link RedisConnectionFactory}, which the {@code BroadcastTemplate} then uses. Without the
 * property nothing here exists; enabled without Spring Data Redis, startup fails with a message
 * saying which dependency to add.
 */
@AutoConfiguration(before = { PacknetAutoConfiguration.class, BroadcastAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisConnectionFactory.class, ServerBootstrap.class })
@ConditionalOnBooleanProperty("packnet.cluster.enabled")
@EnableConfigurationProperties(PacknetProperties.class)
public final class ClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterNode packnetClusterNode(PacknetProperties properties,
			ObjectProvider<RedisConnectionFactory> connectionFactory) {
		Integer nodeId = properties.getCluster().getNodeId();
		if (nodeId != null) {
			return new ClusterNode(nodeId, ClusterNode.Source.CONFIGURED);
		}
		return ClusterNode.fromCounter(connectionFactory(connectionFactory), settings(properties).nodeIdCounterKey());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRegistry sessionRegistry(ClusterNode node) {
		return new SessionRegistry(node.sessionIdBase());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterStatistics packnetClusterStatistics() {
		return new ClusterStatistics();
	}

	@Bean
	@ConditionalOnMissingBean(BroadcastRelay.class)
	RedisBroadcastRelay redisBroadcastRelay(ObjectProvider<RedisConnectionFactory> connectionFactory,
			ClusterNode node, ClusterStatistics statistics, PacknetProperties properties) {
		return new RedisBroadcastRelay(connectionFactory(connectionFactory), node, settings(properties), statistics,
				ByteBufAllocator.DEFAULT);
	}

	static ClusterSettings settings(PacknetProperties properties) {
		PacknetProperties.Cluster cluster = properties.getCluster();
		return new ClusterSettings(cluster.getChannelPrefix(), cluster.getMaxPendingBytes().toBytes(),
				cluster.getPublishTimeout(), cluster.getHeartbeatInterval());
	}

	private static RedisConnectionFactory connectionFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
		RedisConnectionFactory factory = connectionFactory.getIfAvailable();
		if (factory == null) {
			throw new IllegalStateException("packnet.cluster.enabled=true needs a RedisConnectionFactory bean: add "
					+ "org.springframework.boot:spring-boot-starter-data-redis (spring.data.redis.* configures it) "
					+ "or define one");
		}
		return factory;
	}

}
