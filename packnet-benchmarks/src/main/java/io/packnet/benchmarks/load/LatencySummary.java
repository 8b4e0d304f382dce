package io.packnet.benchmarks.load;

import java.util.Objects;

import org.HdrHistogram.Histogram;

/**
 * Round-trip (or delivery) latency percentiles in microseconds.
 *
 * @param samples the number of recorded latencies
 * @param p50Micros the median
 * @param p99Micros the 99th percentile
 * @param p999Micros the 99.9th percentile
 * @param maxMicros the maximum
 */
public record LatencySummary(long samples, double p50Micros, double p99Micros, double p999Micros,
		double maxMicros) {

	/** Summarizes a histogram of nanosecond values. */
	public static LatencySummary of(Histogram nanos) {
		Objects.requireNonNull(nanos, "nanos");
		return new LatencySummary(nanos.getTotalCount(), micros(nanos.getValueAtPercentile(50)),
				micros(nanos.getValueAtPercentile(99)), micros(nanos.getValueAtPercentile(99.9)),
				micros(nanos.getMaxValue()));
	}

	private static double micros(long nanos) {
		return nanos / 1000.0;
	}

}
