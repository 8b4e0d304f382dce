package io.packnet.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis relay names its channels and bounds its work.
 * @param channelPrefix the prefix of the cluster's Redis channels and keys; servers sharing it form a cluster
 * @param maxPendingBytes relayed bytes that may wait for Redis before more are dropped
 * @param publishTimeout how long a publish may take before the relay counts as down
 * @param heartbeatInterval how often the relay checks Redis and its own subscription, and retries while down
 */
public record ClusterSettings(String channelPrefix, long maxPendingBytes, Duration publishTimeout,
		Duration heartbeatInterval) {

	/** The default channel prefix. */
	public static final String DEFAULT_CHANNEL_PREFIX = "packnet";

	/** The default bound of bytes waiting for Redis: 16 MB. */
	public static final long DEFAULT_MAX_PENDING_BYTES = 16L * 1024 * 1024;

	/** The default publish timeout. */
	public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(2);

	/** The default heartbeat interval. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

	/**
	 * Checks the settings.
	 */
	public ClusterSettings {
		Objects.requireNonNull(channelPrefix, "channelPrefix");
		Objects.requireNonNull(publishTimeout, "publishTimeout");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		if (channelPrefix.isBlank() || maxPendingBytes < 1 || publishTimeout.isNegative() || publishTimeout.isZero()
				|| heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("Invalid cluster settings " + channelPrefix + ", " + maxPendingBytes
					+ ", " + publishTimeout + ", " + heartbeatInterval);
		}
	}

	/**
	 * Returns the default settings.
	 * @return the defaults
	 */
	public static ClusterSettings defaults() {
		return new ClusterSettings(DEFAULT_CHANNEL_PREFIX, DEFAULT_MAX_PENDING_BYTES, DEFAULT_PUBLISH_TIMEOUT,
				DEFAULT_HEARTBEAT_INTERVAL);
	}

	/** @return the channel every node subscribes to for broadcasts */
	public String broadcastChannel() {
		return this.channelPrefix + ":broadcast";
	}

	/**
	 * Returns the channel of one node, for sends to its sessions.
	 * @param nodeId the node id
	 * @return the channel name
	 */
	public String nodeChannel(int nodeId) {
		return this.channelPrefix + ":node:" + nodeId;
	}

	/** @return the key of the counter that hands out node ids */
	public String nodeIdCounterKey() {
		return this.channelPrefix + ":node-ids";
	}

}
