package io.packnet.broadcast;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for {@link BroadcastTemplate}, updated on the hot path with {@link LongAdder}s (one
 * update per event loop batch, not per member) and read by meters.
 */
public final class BroadcastStatistics {

	private final LongAdder broadcasts = new LongAdder();

	private final LongAdder recipients = new LongAdder();

	private final LongAdder deliveries = new LongAdder();

	private final LongAdder undelivered = new LongAdder();

	/**
	 * Counts a broadcast that was encoded and handed to its recipients.
	 * @param recipients the sessions it was handed to
	 */
	void broadcast(int recipients) {
		this.broadcasts.increment();
		this.recipients.add(recipients);
	}

	/**
	 * Counts the outcome of one event loop's share of a broadcast.
	 * @param delivered members whose connection queued the frame
	 * @param notDelivered members that had closed or were over their outbound limit
	 */
	void written(int delivered, int notDelivered) {
		if (delivered > 0) {
			this.deliveries.add(delivered);
		}
		if (notDelivered > 0) {
			this.undelivered.add(notDelivered);
		}
	}

	/** @return broadcasts (relayed ones from other servers too) handed to at least one session since start */
	public long broadcasts() {
		return this.broadcasts.sum();
	}

	/** @return sessions broadcasts were handed to (the sum of what the broadcast methods returned) */
	public long recipients() {
		return this.recipients.sum();
	}

	/** @return broadcast frames queued on a member's connection */
	public long deliveries() {
		return this.deliveries.sum();
	}

	/**
	 * Returns broadcast frames handed to a member but not queued on its connection: the member closed
	 * in between, or was over {@code packnet.session.max-pending-bytes} (dropped, or closed as a slow
	 * consumer, per the overflow policy).
	 * @return frames not delivered
	 */
	public long undelivered() {
		return this.undelivered.sum();
	}

}
