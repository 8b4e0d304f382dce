package io.packnet.actuate.handler;

import java.util.Objects;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.packnet.handler.HandlerInvocationListener;
import io.packnet.handler.PacketHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each {@code @PacketMapping} invocation in a Micrometer {@link Observation}, in scope while the
 * handler runs, so a tracing bridge makes it a span and work the handler starts joins it. Stopped
 * when the invocation finished, a returned {@code CompletionStage} included.
 */
public class PacketHandlerObservations implements HandlerInvocationListener {

	private static final DefaultPacketHandlerObservationConvention DEFAULT_CONVENTION =
			new DefaultPacketHandlerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable PacketHandlerObservationConvention convention;

	/**
	 * Creates the listener.
	 * @param registry the observation registry
	 * @param convention replaces the default convention, or {@code null}
	 */
	public PacketHandlerObservations(ObservationRegistry registry,
			@Nullable PacketHandlerObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.convention = convention;
	}

	@Override
	public @Nullable Recorder recorderFor(PacketHandlerMethod method) {
		return null;
	}

	@Override
	public @Nullable Interceptor interceptorFor(PacketHandlerMethod method) {
		if (this.registry.isNoop()) {
			return null;
		}
		int[] types = HandlerTags.mappedTypes(method);
		return (session, type) -> {
			PacketHandlerObservationContext context = new PacketHandlerObservationContext(method,
					HandlerTags.route(types, type), session, type);
			Observation observation = Observation
				.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
				.start();
			Observation.Scope scope = observation.openScope();
			return new Invocation() {

				@Override
				public void detach() {
					scope.close();
				}

				@Override
				public void end(@Nullable Throwable failure) {
					if (failure != null) {
						observation.error(failure);
					}
					observation.stop();
				}

			};
		};
	}

}
