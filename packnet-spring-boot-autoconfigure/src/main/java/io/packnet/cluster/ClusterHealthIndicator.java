package io.packnet.cluster;

import java.util.Objects;

import io.packnet.cluster.ClusterStatistics.NotRelayedReason;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the cluster relay, as the {@code cluster} part of the {@code packnet} health indicator:
 * {@code UP} while publishing to Redis works and this node's subscription receives, {@code DOWN}
 * with the reason while Redis cannot be reached, does not answer in time, or the subscription is
 * missing (broadcasts then reach this server's sessions only), {@code UNKNOWN} before the first
 * check and {@code OUT_OF_SERVICE} once stopped. Reads state the relay keeps; never calls Redis.
 */
public class ClusterHealthIndicator implements HealthIndicator {

	private final RedisBroadcastRelay relay;

	/**
	 * Creates an indicator for a relay.
	 * @param relay the relay
	 */
	public ClusterHealthIndicator(RedisBroadcastRelay relay) {
		this.relay = Objects.requireNonNull(relay, "relay");
	}

	@Override
	public Health health() {
		ClusterStatus status = this.relay.status();
		ClusterNode node = this.relay.node();
		ClusterStatistics statistics = this.relay.statistics();
		Health.Builder builder = Health.status(status(status));
		if (status.reason() != null) {
			builder.withDetail("reason", status.reason());
		}
		if (status.since() != null) {
			builder.withDetail("since", status.since().toString());
		}
		return builder.withDetail("nodeId", node.id())
			.withDetail("nodeIdSource", node.source().name())
			.withDetail("broadcastChannel", this.relay.settings().broadcastChannel())
			.withDetail("nodeChannel", this.relay.settings().nodeChannel(node.id()))
			.withDetail("pendingBytes", this.relay.pendingBytes())
			.withDetail("relayed", statistics.relayed())
			.withDetail("notRelayed", statistics.notRelayed())
			.withDetail("notRelayedQueueFull", statistics.notRelayed(NotRelayedReason.QUEUE_FULL))
			.withDetail("received", statistics.received())
			.build();
	}

	private static Status status(ClusterStatus status) {
		return switch (status.state()) {
			case UP -> Status.UP;
			case STARTING -> Status.UNKNOWN;
			case DOWN -> Status.DOWN;
			case STOPPED -> Status.OUT_OF_SERVICE;
		};
	}

}
