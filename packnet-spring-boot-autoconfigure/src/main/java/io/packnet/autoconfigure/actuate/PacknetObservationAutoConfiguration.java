package io.packnet.autoconfigure.actuate;

import io.micrometer.observation.ObservationRegistry;
import io.packnet.actuate.handler.PacketHandlerObservationConvention;
import io.packnet.actuate.handler.PacketHandlerObservations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a Micrometer {@code Observation} per {@code @PacketMapping} invocation when
 * {@code packnet.observations.enabled=true} and the application has an {@link ObservationRegistry}
 * (ordered after Boot's observation auto-configuration by name). A
 * {@link PacketHandlerObservationConvention} bean replaces the default names and keys.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty("packnet.observations.enabled")
public final class PacknetObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PacketHandlerObservations packetHandlerObservations(ObservationRegistry registry,
			ObjectProvider<PacketHandlerObservationConvention> convention) {
		return new PacketHandlerObservations(registry, convention.getIfUnique());
	}

}
