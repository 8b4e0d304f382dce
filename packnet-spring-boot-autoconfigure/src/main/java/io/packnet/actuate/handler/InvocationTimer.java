package io.packnet.actuate.handler;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.noop.NoopTimer;
import org.jspecify.annotations.Nullable;

/**
 * Records the durations of one tag set of a handler timer. A {@link Timer}'s decaying maximum reads
 * the wall clock on every record, which costs about as much as one of the two {@code System.nanoTime()}
 * calls that measure an invocation; so unless the timer has a distribution to keep, durations are summed
 * in two {@link LongAdder}s that a {@link FunctionTimer} of the same name and tags publishes (count and
 * total time, no maximum). When a {@code MeterFilter} gives the timer a distribution the registry
 * publishes (for example {@code management.metrics.distribution.percentiles.packnet.handler=0.99}, SLO
 * buckets, or {@code percentiles-histogram} on Prometheus), a full {@link Timer} records it, maximum included.
 */
abstract sealed class InvocationTimer {

	/**
	 * Records one invocation.
	 * @param nanos its duration
	 */
	abstract void record(long nanos);

	/**
	 * Registers the timer of one tag set.
	 * @return its recorder, or {@code null} when a {@code MeterFilter} denies it
	 */
	static @Nullable InvocationTimer register(MeterRegistry registry, String name, String description, Tags tags) {
		FunctionTimer stale = registry.find(name).tags(tags).functionTimer();
		if (stale != null) {
			// a function timer reads the adders it was registered with: a second listener on one registry replaces it
			registry.remove(stale);
		}
		Timer timer = Timer.builder(name).description(description).tags(tags).register(registry);
		if (timer instanceof NoopTimer) {
			return null;
		}
		HistogramSnapshot distribution = timer.takeSnapshot();
		if (distribution.percentileValues().length > 0 || distribution.histogramCounts().length > 0) {
			return new Full(timer);
		}
		registry.remove(timer);
		Summed summed = new Summed();
		FunctionTimer
			.builder(name, summed, Summed::count, Summed::totalNanos, TimeUnit.NANOSECONDS)
			.description(description)
			.tags(tags)
			.register(registry);
		return summed;
	}

	/** Count and total time, published by a {@link FunctionTimer}. */
	static final class Summed extends InvocationTimer {

		private final LongAdder count = new LongAdder();

		private final LongAdder totalNanos = new LongAdder();

		@Override
		void record(long nanos) {
			this.count.increment();
			this.totalNanos.add(nanos);
		}

		long count() {
			return this.count.sum();
		}

		double totalNanos() {
			return this.totalNanos.sum();
		}

	}

	/** A {@link Timer} with the distribution a {@code MeterFilter} configured. */
	static final class Full extends InvocationTimer {

		private final Timer timer;

		Full(Timer timer) {
			this.timer = timer;
		}

		@Override
		void record(long nanos) {
			this.timer.record(nanos, TimeUnit.NANOSECONDS);
		}

	}

}
