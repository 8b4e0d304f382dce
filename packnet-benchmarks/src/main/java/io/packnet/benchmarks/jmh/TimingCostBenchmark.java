package io.packnet.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packnet.benchmarks.server.PacknetServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts a handler timing is made of, each on two threads as on two event loops (nanoseconds per
 * operation): the two clock reads, a Micrometer {@link Timer#record} on a cumulative registry (count,
 * total and a decaying maximum that reads the wall clock), and the two {@link LongAdder}s that
 * {@code packnet.handler} records into instead when no distribution is configured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(2)
public class TimingCostBenchmark {

	private Timer timer;

	private final LongAdder count = new LongAdder();

	private final LongAdder totalNanos = new LongAdder();

	@Setup
	public void setUp() {
		timer = Timer.builder("timing")
			.register(new SimpleMeterRegistry(PacknetServer.CumulativeSimpleConfig.INSTANCE, Clock.SYSTEM));
	}

	@Benchmark
	public long nanoTime() {
		return System.nanoTime();
	}

	@Benchmark
	public long currentTimeMillis() {
		return System.currentTimeMillis();
	}

	@Benchmark
	public void timerRecord() {
		timer.record(123, TimeUnit.NANOSECONDS);
	}

	@Benchmark
	public void adders() {
		count.increment();
		totalNanos.add(123);
	}

	/** What {@code packnet.handler} did per invocation before: two clock reads and a {@link Timer}. */
	@Benchmark
	public void timedWithTimer() {
		long start = System.nanoTime();
		timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	/** What it does now without a distribution configured: two clock reads and two adders. */
	@Benchmark
	public void timedWithAdders() {
		long start = System.nanoTime();
		count.increment();
		totalNanos.add(System.nanoTime() - start);
	}

}
