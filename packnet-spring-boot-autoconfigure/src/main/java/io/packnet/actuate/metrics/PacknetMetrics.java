package io.packnet.actuate.metrics;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.packnet.broadcast.BroadcastStatistics;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;

/**
 * Binds packnet's meters: gauges over the session registry and the broadcast groups, and function
 * counters over {@link PacknetStatistics} and {@link BroadcastStatistics}. Meters read the counters
 * when scraped, so the hot path only increments a {@code LongAdder}.
 */
public class PacknetMetrics implements MeterBinder {

	private static final String DROPPED_DESCRIPTION = "Frames discarded: outbound past max-pending-bytes (OVERFLOW) "
			+ "or inbound with no handler for their type (UNMAPPED)";

	private final PacknetStatistics statistics;

	private final SessionRegistry registry;

	private final @Nullable BroadcastTemplate broadcast;

	/**
	 * Creates a binder.
	 * @param statistics the traffic counters
	 * @param registry the open sessions
	 * @param broadcast the groups and their counters, or {@code null} for no broadcast meters
	 */
	public PacknetMetrics(PacknetStatistics statistics, SessionRegistry registry,
			@Nullable BroadcastTemplate broadcast) {
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.broadcast = broadcast;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		PacknetStatistics stats = this.statistics;
		Gauge.builder("packnet.sessions.active", this.registry, SessionRegistry::size)
			.description("Open sessions")
			.baseUnit("sessions")
			.register(meters);
		Gauge.builder("packnet.outbound.pending", this.registry, PacknetMetrics::pendingOutboundBytes)
			.description("Outbound bytes queued for all sessions and not yet written to their sockets")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		count(meters, "packnet.sessions.opened", stats, PacknetStatistics::sessionsOpened,
				"Sessions started", "sessions");
		for (CloseReason reason : CloseReason.values()) {
			count(meters, "packnet.sessions.closed", stats, (s) -> s.sessionsClosed(reason),
					"Sessions closed, by close reason", "sessions", "reason", reason.name());
		}
		count(meters, "packnet.sessions.authenticated", stats, PacknetStatistics::sessionsAuthenticated,
				"Sessions a PacketAuthenticator accepted (rejections and timeouts close as UNAUTHENTICATED)", "sessions");
		count(meters, "packnet.connections.rejected", stats, PacknetStatistics::connectionsRejected,
				"Connections refused by packnet.server.max-connections or max-connections-per-ip", "connections");
		count(meters, "packnet.frames.received", stats, PacknetStatistics::framesIn, "Frames received", "frames");
		count(meters, "packnet.frames.sent", stats, PacknetStatistics::framesOut,
				"Frames handed to the transport", "frames");
		count(meters, "packnet.data.received", stats, PacknetStatistics::bytesIn,
				"Payload bytes received, framing excluded", BaseUnits.BYTES);
		count(meters, "packnet.data.sent", stats, PacknetStatistics::bytesOut,
				"Payload bytes sent, framing excluded", BaseUnits.BYTES);
		count(meters, "packnet.frames.dropped", stats, PacknetStatistics::framesDroppedOverflow,
				DROPPED_DESCRIPTION, "frames", "reason", "OVERFLOW");
		count(meters, "packnet.frames.dropped", stats, PacknetStatistics::framesDroppedUnmapped,
				DROPPED_DESCRIPTION, "frames", "reason", "UNMAPPED");
		if (this.broadcast != null) {
			bindBroadcast(this.broadcast, meters);
		}
	}

	private static void bindBroadcast(BroadcastTemplate broadcast, MeterRegistry meters) {
		Gauge.builder("packnet.groups", broadcast, BroadcastTemplate::groupCount)
			.description("Broadcast groups with members")
			.baseUnit("groups")
			.register(meters);
		BroadcastStatistics stats = broadcast.statistics();
		count(meters, "packnet.broadcasts", stats, BroadcastStatistics::broadcasts,
				"Broadcasts encoded and handed to at least one session", "broadcasts");
		count(meters, "packnet.broadcast.recipients", stats, BroadcastStatistics::recipients,
				"Sessions broadcasts were handed to", "sessions");
		count(meters, "packnet.broadcast.deliveries", stats, BroadcastStatistics::deliveries,
				"Broadcast frames queued on a member's connection", "frames");
		count(meters, "packnet.broadcast.undelivered", stats, BroadcastStatistics::undelivered,
				"Broadcast frames not queued: the member closed meanwhile or was over max-pending-bytes", "frames");
	}

	/** Registers a counter that reads {@code value} from {@code source} when scraped. */
	private static <T> void count(MeterRegistry meters, String name, T source, ToDoubleFunction<T> value,
			String description, String baseUnit, String... tags) {
		FunctionCounter.builder(name, source, value)
			.tags(tags)
			.description(description)
			.baseUnit(baseUnit)
			.register(meters);
	}

	private static double pendingOutboundBytes(SessionRegistry registry) {
		long total = 0;
		for (Session session : registry.sessions()) {
			total += session.pendingOutboundBytes();
		}
		return total;
	}

}
