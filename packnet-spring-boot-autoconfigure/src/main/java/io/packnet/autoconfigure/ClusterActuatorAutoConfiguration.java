package io.packnet.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.packnet.cluster.ClusterHealthIndicator;
import io.packnet.cluster.ClusterMetrics;
import io.packnet.cluster.RedisBroadcastRelay;
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
 * Auto-configures the cluster relay's health indicator ({@code packnetCluster}; off with
 * {@code management.health.packnet-cluster.enabled=false}) when Spring Boot's health support is
 * present, and its Micrometer meters when Micrometer is.
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisBroadcastRelay.class)
public final class ClusterActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("packnet-cluster")
	static class ClusterHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "packnetClusterHealthIndicator")
		ClusterHealthIndicator packnetClusterHealthIndicator(RedisBroadcastRelay relay) {
			return new ClusterHealthIndicator(relay);
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
