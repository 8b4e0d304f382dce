package io.packnet.autoconfigure.actuate;

import io.packnet.actuate.endpoint.PacknetEndpoint;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketHandlerMappings;
import io.packnet.server.PacketServer;
import io.packnet.session.SessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code packnet} actuator endpoint. Like every Boot endpoint it exists only when
 * exposed (for HTTP: {@code management.endpoints.web.exposure.include=packnet}) and not turned off
 * by {@code management.endpoint.packnet.access=none}.
 */
@AutoConfiguration(after = PacknetAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(SessionRegistry.class)
@ConditionalOnAvailableEndpoint(PacknetEndpoint.class)
public final class PacknetEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PacknetEndpoint packnetEndpoint(SessionRegistry registry, ObjectProvider<PacketServer> server,
			ObjectProvider<BroadcastTemplate> broadcast, ObjectProvider<PacketHandlerMappings> mappings) {
		return new PacknetEndpoint(registry, server.getIfUnique(), broadcast.getIfUnique(), mappings.getIfUnique());
	}

}
