package io.packnet.actuate.metrics;

import java.util.Objects;

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
		FunctionCounter.builder("packnet.sessions.opened", stats, PacknetStatistics::sessionsOpened)
			.description("Sessions started")
			.baseUnit("sessions")
			.register(meters);
		for (CloseReason reason : CloseReason.values()) {
			FunctionCounter.builder("packnet.sessions.closed", stats, (s) -> s.sessionsClosed(reason))
					.tag("reason", reason.name())
				.description("Sessions closed, by close reason")
				.baseUnit("sessions")
				.register(meters);
		}
		FunctionCounter.builder("packnet.connections.rejected", stats, PacknetStatistics::connectionsRejected)
			.description("Connections refused by packnet.server.max-connections or max-connections-per-ip")
			.baseUnit("connections")
			.register(meters);
		FunctionCounter.builder("packnet.frames.received", stats, PacknetStatistics::framesIn)
			.description("Frames received")
			.baseUnit("frames")
			.register(meters);
		FunctionCounter.builder("packnet.frames.sent", stats, PacknetStatistics::framesOut)
			.description("Frames handed to the transport")
			.baseUnit("frames")
			.register(meters);
		FunctionCounter.builder("packnet.data.received", stats, PacknetStatistics::bytesIn)
			.description("Payload bytes received, framing excluded")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		FunctionCounter.builder("packnet.data.sent", stats, PacknetStatistics::bytesOut)
			.description("Payload bytes sent, framing excluded")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		FunctionCounter.builder("packnet.frames.dropped", stats, PacknetStatistics::framesDroppedOverflow)
			.tag("reason", "OVERFLOW")
			.description(DROPPED_DESCRIPTION)
			.baseUnit("frames")
			.register(meters);
		FunctionCounter.builder("packnet.frames.dropped", stats, PacknetStatistics::framesDroppedUnmapped)
			.tag("reason", "UNMAPPED")
			.description(DROPPED_DESCRIPTION)
			.baseUnit("frames")
			.register(meters);
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
		FunctionCounter.builder("packnet.broadcasts", stats, BroadcastStatistics::broadcasts)
			.description("Broadcasts encoded and handed to at least one session")
			.baseUnit("broadcasts")
			.register(meters);
		FunctionCounter.builder("packnet.broadcast.recipients", stats, BroadcastStatistics::recipients)
			.description("Sessions broadcasts were handed to")
			.baseUnit("sessions")
			.register(meters);
		FunctionCounter.builder("packnet.broadcast.deliveries", stats, BroadcastStatistics::deliveries)
			.description("Broadcast frames queued on a member's connection")
			.baseUnit("frames")
			.register(meters);
		FunctionCounter.builder("packnet.broadcast.undelivered", stats, BroadcastStatistics::undelivered)
			.description("Broadcast frames not queued: the member closed meanwhile or was over max-pending-bytes")
			.baseUnit("frames")
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
