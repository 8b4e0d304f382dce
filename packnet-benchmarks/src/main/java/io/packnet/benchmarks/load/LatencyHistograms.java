package io.packnet.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Histogram settings shared by every run: nanoseconds up to one minute, three significant digits. */
public final class LatencyHistograms {

	static final long MAX_TRACKABLE_NANOS = 60_000_000_000L;

	private static final int SIGNIFICANT_DIGITS = 3;

	private LatencyHistograms() {
	}

	/** A wait-free recorder that event loops can share. */
	static Recorder newRecorder() {
		return new Recorder(MAX_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
	}

	/** An empty histogram to merge results into. */
	public static Histogram newHistogram() {
		return new Histogram(MAX_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
	}

	/** Records {@code nanos}, clamped into the trackable range. */
	static void record(Recorder recorder, long nanos) {
		recorder.recordValue(Math.max(0, Math.min(nanos, MAX_TRACKABLE_NANOS)));
	}

}
