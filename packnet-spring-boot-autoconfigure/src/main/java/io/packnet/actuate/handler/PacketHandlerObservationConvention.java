package io.packnet.actuate.handler;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@code @PacketMapping} invocations; a bean of this type
 * replaces the {@link DefaultPacketHandlerObservationConvention}.
 */
public interface PacketHandlerObservationConvention extends ObservationConvention<PacketHandlerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PacketHandlerObservationContext;
	}

}
