package io.packnet.actuate.metrics;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;

/**
 * Binds packnet's meters: gauges over the session registry and function counters over
 * {@link PacknetStatistics}. Meters read the counters when scraped, so the hot path only
 * increments a {@code LongAdder}.
 */
public class PacknetMetrics implements MeterBinder {

	private static final String DROPPED_DESCRIPTION = "Frames discarded: outbound past max-pending-bytes (OVERFLOW) "
			+ "or inbound with no handler for their type (UNMAPPED)";

	private final PacknetStatistics statistics;

	private final SessionRegistry registry;

	/**
	 * Creates a binder.
	 * @param statistics the traffic counters
	 * @param registry the open sessions
	 */
	public PacknetMetrics(PacknetStatistics statistics, SessionRegistry registry) {
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.registry = Objects.requireNonNull(registry, "registry");
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
	}

	private static double pendingOutboundBytes(SessionRegistry registry) {
		long total = 0;
		for (Session session : registry.sessions()) {
			total += session.pendingOutboundBytes();
		}
		return total;
	}

}
