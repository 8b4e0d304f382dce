package io.packnet.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.packnet.actuate.health.PacknetHealthIndicator;
import io.packnet.autoconfigure.actuate.PacknetHealthContributorAutoConfiguration;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.cluster.ClusterHealthIndicator;
import io.packnet.cluster.ClusterMetrics;
import io.packnet.cluster.RedisBroadcastRelay;
import io.packnet.server.PacketServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Adds the cluster relay to packnet's observability: the {@code packnet} health indicator gains a
 * {@code cluster} part (this configuration provides it in place of
 * {@link PacknetHealthContributorAutoConfiguration}'s, which backs off by name), and the relay's
 * Micrometer meters are bound when Micrometer is present.
 */
@AutoConfiguration(after = { ClusterAutoConfiguration.class, PacknetAutoConfiguration.class,
		BroadcastAutoConfiguration.class }, before = PacknetHealthContributorAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisBroadcastRelay.class)
public final class ClusterActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnBean(PacketServer.class)
	@ConditionalOnEnabledHealthIndicator("packnet")
	static class ClusterHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "packnetHealthIndicator", "packnetHealthContributor" })
		PacknetHealthIndicator packnetHealthIndicator(PacketServer server, ObjectProvider<BroadcastTemplate> broadcast,
				RedisBroadcastRelay relay) {
			return new PacknetHealthIndicator(server, broadcast.getIfUnique(), new ClusterHealthIndicator(relay));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ClusterMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterMetrics packnetClusterMetrics(RedisBroadcastRelay relay) {
			return new ClusterMetrics(relay);
		}

	}

}
