package io.packnet.cluster;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the Redis relay: messages (broadcasts and sends) relayed to the other servers, not
 * relayed, and received from them. Read by meters and the health indicator.
 */
public final class ClusterStatistics {

	private final LongAdder relayed = new LongAdder();

	private final Map<NotRelayedReason, LongAdder> notRelayed = new EnumMap<>(NotRelayedReason.class);

	private final LongAdder received = new LongAdder();

	private final LongAdder duplicates = new LongAdder();

	private final LongAdder malformed = new LongAdder();

	/** Creates zeroed counters. */
	public ClusterStatistics() {
		for (NotRelayedReason reason : NotRelayedReason.values()) {
			this.notRelayed.put(reason, new LongAdder());
		}
	}

	void countRelayed(int messages) {
		this.relayed.add(messages);
	}

	void countNotRelayed(NotRelayedReason reason, int messages) {
		this.notRelayed.get(reason).add(messages);
	}

	void countReceived() {
		this.received.increment();
	}

	void countDuplicate() {
		this.duplicates.increment();
	}

	void countMalformed() {
		this.malformed.increment();
	}

	/** @return broadcasts and sends published to Redis for the other servers */
	public long relayed() {
		return this.relayed.sum();
	}

	/**
	 * Returns the broadcasts and sends that could not be relayed for a reason; they reached this
	 * server's sessions only.
	 * @param reason the reason
	 * @return the count since start
	 */
	public long notRelayed(NotRelayedReason reason) {
		return this.notRelayed.get(reason).sum();
	}

	/** @return broadcasts and sends that could not be relayed, whatever the reason */
	public long notRelayed() {
		return this.notRelayed.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** @return broadcasts and sends other servers relayed here, delivered to this server's sessions */
	public long received() {
		return this.received.sum();
	}

	/** @return relayed messages received a second time (a Redis client retry) and dropped */
	public long duplicates() {
		return this.duplicates.sum();
	}

	/** @return messages on the cluster's channels that were not relay messages, dropped */
	public long malformed() {
		return this.malformed.sum();
	}

	/** Why a broadcast or send was not relayed. */
	public enum NotRelayedReason {

		/** Redis was down or not answering in time, or the relay was stopped: dropped at once. */
		UNAVAILABLE,

		/** More than {@code packnet.cluster.max-pending-bytes} were waiting for Redis. */
		QUEUE_FULL,

		/** Publishing failed, for example because Redis went down meanwhile. */
		PUBLISH_FAILED

	}

}
