package io.packnet.autoconfigure.actuate;

import io.packnet.actuate.health.PacknetHealthIndicator;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.server.PacketServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code packnet} health indicator when Spring Boot's health support is present
 * and the application runs a packet server. {@code management.health.packnet.enabled=false} turns it
 * off; a bean named {@code packnetHealthIndicator} or {@code packnetHealthContributor} replaces it.
 */
@AutoConfiguration(after = PacknetAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PacketServer.class)
@ConditionalOnEnabledHealthIndicator("packnet")
public final class PacknetHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "packnetHealthIndicator", "packnetHealthContributor" })
	PacknetHealthIndicator packnetHealthIndicator(PacketServer server, ObjectProvider<BroadcastTemplate> broadcast) {
		return new PacknetHealthIndicator(server, broadcast.getIfUnique());
	}

}
