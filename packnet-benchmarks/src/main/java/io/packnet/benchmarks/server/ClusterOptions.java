package io.packnet.benchmarks.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.packnet.cluster.ClusterStatistics;
import io.packnet.cluster.ClusterStatistics.NotRelayedReason;
import io.packnet.cluster.ClusterStatus;
import io.packnet.cluster.RedisBroadcastRelay;

/**
 * {@link PacknetServer}'s cluster options, {@code --cluster-redis-port N --cluster-channel-prefix P}: the
 * server joins the cluster of every node on the Redis of 127.0.0.1:N with channel prefix P, and relays its
 * broadcasts through it. The limits are raised so that the relay does not drop broadcasts under load on a
 * busy machine; a drop still shows in the {@code CLUSTER} report.
 *
 * @param redisPort the port of the cluster's {@code redis-server} on 127.0.0.1
 * @param channelPrefix {@code packnet.cluster.channel-prefix}: the nodes that share it form one cluster
 */
public record ClusterOptions(int redisPort, String channelPrefix) {

	public static final String REDIS_PORT_OPTION = "--cluster-redis-port";

	public static final String CHANNEL_PREFIX_OPTION = "--cluster-channel-prefix";

	/** How long a Redis publish may take before the relay counts Redis as down (default 2 s). */
	static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

	/** Bytes that may wait for Redis before broadcasts are dropped (default 16 MB); the heap must hold them. */
	static final String MAX_PENDING_BYTES = "128MB";

	/** Heartbeats check the subscription; a short interval gets the relay to {@code UP} soon after startup. */
	static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

	private static final long POLL_MILLIS = 20;

	public ClusterOptions {
		Objects.requireNonNull(channelPrefix, "channelPrefix");
		if (redisPort <= 0 || redisPort > 65535 || channelPrefix.isBlank()) {
			throw new IllegalArgumentException("redisPort must be 1-65535 and channelPrefix not blank");
		}
	}

	/** The command-line arguments that give a {@link PacknetServer} these options. */
	public List<String> args() {
		return List.of(REDIS_PORT_OPTION, Integer.toString(redisPort), CHANNEL_PREFIX_OPTION, channelPrefix);
	}

	/** The Spring properties of a cluster node: the relay on, its Redis, and the raised limits. */
	Map<String, Object> properties() {
		return Map.of("packnet.cluster.enabled", true, "packnet.cluster.channel-prefix", channelPrefix,
				"packnet.cluster.publish-timeout", PUBLISH_TIMEOUT.toMillis() + "ms", "packnet.cluster.max-pending-bytes",
				MAX_PENDING_BYTES, "packnet.cluster.heartbeat-interval", HEARTBEAT_INTERVAL.toMillis() + "ms",
				"spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", redisPort, "spring.data.redis.timeout",
				PUBLISH_TIMEOUT.toMillis() + "ms", "spring.data.redis.connect-timeout", "2s");
	}

	/**
	 * Waits until the relay publishes to Redis and its subscription receives, so that a node announces
	 * itself only once broadcasts from the other nodes reach it.
	 * @throws IllegalStateException if it is not up within {@code timeout}
	 */
	static void awaitUp(RedisBroadcastRelay relay, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		ClusterStatus status;
		while ((status = relay.status()).state() != ClusterStatus.State.UP) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The cluster relay is " + status.state() + " after " + timeout
						+ ((status.reason() != null) ? ": " + status.reason() : ""));
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

	/** The relay's state and counters now. */
	static RelayReport report(RedisBroadcastRelay relay) {
		ClusterStatistics statistics = relay.statistics();
		return new RelayReport(relay.status().state().name(), statistics.relayed(), statistics.received(),
				statistics.notRelayed(NotRelayedReason.UNAVAILABLE), statistics.notRelayed(NotRelayedReason.QUEUE_FULL),
				statistics.notRelayed(NotRelayedReason.PUBLISH_FAILED), relay.pendingBytes());
	}

}
