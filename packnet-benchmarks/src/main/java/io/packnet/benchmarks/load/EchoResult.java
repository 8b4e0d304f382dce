package io.packnet.benchmarks.load;

import java.util.List;
import java.util.Objects;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a successful echo run. Only replies that arrived inside the measured window count.
 *
 * @param spec what was run
 * @param frames the replies received in the measured window
 * @param seconds the length of the measured window
 * @param latencyNanos round-trip latencies of those replies, in nanoseconds
 * @param skippedFrames paced runs: frames not sent on schedule because {@code depth} were in flight (the
 * server did not keep up); always 0 for unpaced runs
 * @param checkedReplies every reply received and checked, warmup and drain included
 */
public record EchoResult(EchoLoadSpec spec, long frames, double seconds, Histogram latencyNanos, long skippedFrames,
		long checkedReplies) {

	public EchoResult {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(latencyNanos, "latencyNanos");
	}

	/** Several rounds of the same spec as one result: frames and seconds add up, histograms merge. */
	public static EchoResult combine(List<EchoResult> rounds) {
		if (rounds.isEmpty()) {
			throw new IllegalArgumentException("No rounds to combine");
		}
		Histogram merged = LatencyHistograms.newHistogram();
		long frames = 0;
		double seconds = 0;
		long skipped = 0;
		long checked = 0;
		for (EchoResult round : rounds) {
			checked += round.checkedReplies();
			merged.add(round.latencyNanos());
			frames += round.frames();
			seconds += round.seconds();
			skipped += round.skippedFrames();
		}
		return new EchoResult(rounds.get(0).spec(), frames, seconds, merged, skipped, checked);
	}

	public double framesPerSecond() {
		return frames / seconds;
	}

	/** Echoed payload megabytes (10^6 bytes) per second in one direction, length prefixes not counted. */
	public double megabytesPerSecond() {
		return framesPerSecond() * spec.payloadSize() / 1e6;
	}

	public LatencySummary latency() {
		return LatencySummary.of(latencyNanos);
	}

}
