package io.packnet.benchmarks.load;

import java.time.Duration;

/**
 * The phases of one run on the {@link System#nanoTime()} clock: warmup from {@code startNanos}, measured
 * window from {@code measureFromNanos} until {@code endNanos}, then drain.
 *
 * @param startNanos when sending starts
 * @param measureFromNanos when warmup ends and measuring starts
 * @param endNanos when measuring and sending end
 */
record RunClock(long startNanos, long measureFromNanos, long endNanos) {

	static RunClock startingNow(Duration warmup, Duration duration) {
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		return new RunClock(start, measureFrom, measureFrom + duration.toNanos());
	}

	boolean inWindow(long nanos) {
		return nanos >= measureFromNanos && nanos < endNanos;
	}

	double windowSeconds() {
		return (endNanos - measureFromNanos) / 1e9;
	}

	long nanosUntilWindow() {
		return Math.max(0, measureFromNanos - System.nanoTime());
	}

	long nanosUntilEnd() {
		return Math.max(0, endNanos - System.nanoTime());
	}

}
