package io.packnet.benchmarks.load;

import java.util.Objects;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a successful broadcast run; only deliveries inside the measured window count.
 *
 * @param spec what was run
 * @param deliveries broadcasts received by receivers in the measured window (one per receiver)
 * @param seconds the length of the measured window
 * @param latencyNanos send-to-delivery latencies, in nanoseconds
 * @param checkedDeliveries every delivery received and checked, warmup and drain included
 */
public record BroadcastResult(BroadcastLoadSpec spec, long deliveries, double seconds, Histogram latencyNanos,
		long checkedDeliveries) {

	public BroadcastResult {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(latencyNanos, "latencyNanos");
	}

	public double deliveriesPerSecond() {
		return deliveries / seconds;
	}

	/** Broadcasts per second as the sender sees them: deliveries divided by receivers. */
	public double broadcastsPerSecond() {
		return deliveriesPerSecond() / spec.receivers();
	}

	/** Delivered payload megabytes (10^6 bytes) per second summed over receivers. */
	public double megabytesPerSecond() {
		return deliveriesPerSecond() * spec.payloadSize() / 1e6;
	}

	public LatencySummary latency() {
		return LatencySummary.of(latencyNanos);
	}

}
