package io.packnet.actuate.handler;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
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
 * recording is a primitive map read and a {@link Timer#record}.
 */
public class PacketHandlerMetrics implements HandlerInvocationListener {

	/** The timer's name. */
	public static final String METRIC_NAME = "packnet.handler";

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
			if (route.success instanceof NoopTimer) {
				return null;
			}
			return (type, nanos, failure) -> route.record(nanos, failure);
		}
		IntObjectMap<RouteTimers> routes = new IntObjectHashMap<>(types.length);
		for (int type : types) {
			RouteTimers route = new RouteTimers(Integer.toUnsignedString(type), handler);
			if (route.success instanceof NoopTimer) {
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

		private final Timer success;

		private final Map<Class<?>, Timer> failures = new ConcurrentHashMap<>();

		RouteTimers(String type, String handler) {
			this.type = type;
			this.handler = handler;
			this.success = timer(HandlerTags.SUCCESS, HandlerTags.NONE);
		}

		void record(long nanos, @Nullable Throwable failure) {
			Timer timer = (failure != null) ? this.failures.computeIfAbsent(failure.getClass(),
					(type) -> timer(HandlerTags.ERROR, HandlerTags.exception(type))) : this.success;
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}

		private Timer timer(String outcome, String exception) {
			return Timer.builder(METRIC_NAME)
				.description("@PacketMapping handler invocations, including reply encoding and exception handlers")
				.tag(HandlerTags.TYPE, this.type)
				.tag(HandlerTags.HANDLER, this.handler)
				.tag(HandlerTags.OUTCOME, outcome)
				.tag(HandlerTags.EXCEPTION, exception)
				.register(PacketHandlerMetrics.this.registry);
		}

	}

}
