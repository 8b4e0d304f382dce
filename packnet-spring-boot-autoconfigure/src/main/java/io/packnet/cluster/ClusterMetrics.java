package io.packnet.cluster;

import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.packnet.cluster.ClusterStatistics.NotRelayedReason;
import io.packnet.cluster.ClusterStatus.State;

/**
 * Binds the cluster relay's meters: function counters over {@link ClusterStatistics} and gauges of
 * the bytes waiting for Redis and of the relay's state. Read when scraped.
 */
public class ClusterMetrics implements MeterBinder {

	private final RedisBroadcastRelay relay;

	/**
	 * Creates a binder.
	 * @param relay the relay
	 */
	public ClusterMetrics(RedisBroadcastRelay relay) {
		this.relay = Objects.requireNonNull(relay, "relay");
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		ClusterStatistics statistics = this.relay.statistics();
		FunctionCounter.builder("packnet.cluster.relayed", statistics, ClusterStatistics::relayed)
			.description("Broadcasts and sends published to Redis for the other servers")
			.baseUnit("messages")
			.register(meters);
		for (NotRelayedReason reason : NotRelayedReason.values()) {
			FunctionCounter.builder("packnet.cluster.not.relayed", statistics, (s) -> s.notRelayed(reason))
				.tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.description("Broadcasts and sends that reached this server's sessions only: Redis was down or slow "
						+ "(unavailable), too much was waiting (queue-full), or publishing failed (publish-failed)")
				.baseUnit("messages")
				.register(meters);
		}
		FunctionCounter.builder("packnet.cluster.received", statistics, ClusterStatistics::received)
			.description("Broadcasts and sends other servers relayed here")
			.baseUnit("messages")
			.register(meters);
		Gauge.builder("packnet.cluster.pending", this.relay, RedisBroadcastRelay::pendingBytes)
			.description("Bytes of broadcasts and sends waiting to be published to Redis")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		Gauge.builder("packnet.cluster.up", this.relay, (relay) -> (relay.status().state() == State.UP) ? 1 : 0)
			.description("1 while the relay publishes to Redis and this node's subscription receives, else 0")
			.register(meters);
	}

}
