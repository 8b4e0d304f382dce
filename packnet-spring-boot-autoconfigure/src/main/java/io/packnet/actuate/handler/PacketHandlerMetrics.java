package io.packnet.actuate.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.packnet.handler.HandlerInvocationListener;
import io.packnet.handler.PacketHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * Times {@link io.packnet.handler.PacketMapping @PacketMapping} invocations as {@code packnet.handler}, tagged by route
 * ({@code type}: the mapped message type, or {@code default}), {@code handler} ({@code bean#method}),
 * {@code outcome} ({@code SUCCESS} or {@code ERROR}) and {@code exception} (its simple class name,
 * or {@code none}). Cardinality is bounded by the mappings: a session or an unmapped type reaching
 * the default route never becomes a tag. Timers are created once per route at startup, so
 * recording is a primitive map read and an {@link InvocationTimer} update: two {@code LongAdder}s
 * published as a {@code FunctionTimer} (count, total time), or a full {@code Timer} when a
 * {@code MeterFilter} configures a distribution for it.
 */
public class PacketHandlerMetrics implements HandlerInvocationListener {

	/** The timer's name. */
	public static final String METRIC_NAME = "packnet.handler";

	private static final String DESCRIPTION = "@PacketMapping handler invocations, including reply encoding "
			+ "and exception handlers";

	private final MeterRegistry registry;

	/**
	 * Creates the listener.
	 * @param registry where the timers are registered
	 */
	public PacketHandlerMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/**
	 * Returns the route's recorder, or {@code null} when a {@code MeterFilter} denies the timer (for
	 * example {@code management.metrics.enable.packnet.handler=false}): the dispatcher then does not
	 * read the clock for this route at all.
	 */
	@Override
	public @Nullable Recorder recorderFor(PacketHandlerMethod method) {
		String handler = HandlerTags.handler(method);
		int[] types = HandlerTags.mappedTypes(method);
		if (types.length <= 1) {
			RouteTimers route = new RouteTimers(HandlerTags.route(types, 0), handler);
			if (route.success == null) {
				return null;
			}
			return (type, nanos, failure) -> route.record(nanos, failure);
		}
		IntObjectMap<RouteTimers> routes = new IntObjectHashMap<>(types.length);
		for (int type : types) {
			RouteTimers route = new RouteTimers(Integer.toUnsignedString(type), handler);
			if (route.success == null) {
				return null;
			}
			routes.put(type, route);
		}
		return (type, nanos, failure) -> {
			RouteTimers route = routes.get(type);
			if (route != null) {
				route.record(nanos, failure);
			}
		};
	}

	/** The timers of one route: success created up front, one per exception class on first failure. */
	private final class RouteTimers {

		private final String type;

		private final String handler;

		private final @Nullable InvocationTimer success;

		private final Map<Class<?>, Optional<InvocationTimer>> failures = new ConcurrentHashMap<>();

		RouteTimers(String type, String handler) {
			this.type = type;
			this.handler = handler;
			this.success = timer(HandlerTags.SUCCESS, HandlerTags.NONE);
		}

		void record(long nanos, @Nullable Throwable failure) {
			if (failure == null) {
				if (this.success != null) {
					this.success.record(nanos);
				}
				return;
			}
			this.failures
				.computeIfAbsent(failure.getClass(),
						(type) -> Optional.ofNullable(timer(HandlerTags.ERROR, HandlerTags.exception(type))))
				.ifPresent((timer) -> timer.record(nanos));
		}

		private @Nullable InvocationTimer timer(String outcome, String exception) {
			return InvocationTimer.register(PacketHandlerMetrics.this.registry, METRIC_NAME, DESCRIPTION,
					Tags.of(HandlerTags.TYPE, this.type, HandlerTags.HANDLER, this.handler, HandlerTags.OUTCOME,
							outcome, HandlerTags.EXCEPTION, exception));
		}

	}

}
