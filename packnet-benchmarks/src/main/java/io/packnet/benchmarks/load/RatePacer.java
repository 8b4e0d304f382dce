package io.packnet.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Paces echo connections at a fixed total rate: one ticker per event loop computes, for each of its
 * connections, how many frames are due by now and lets the connection send them (never more than its
 * depth in flight). Connections are phase-shifted so that sends spread evenly over time.
 */
final class RatePacer {

	/** The ticker period; on NIO the event loop wakes with about millisecond precision anyway. */
	static final long TICK_MICROS = 200;

	private final List<EchoConnection> connections;

	private final double framesPerNanoPerConnection;

	private final List<ScheduledFuture<?>> tickers = new ArrayList<>();

	RatePacer(List<EchoConnection> connections, double totalFramesPerSecond) {
		this.connections = List.copyOf(Objects.requireNonNull(connections, "connections"));
		this.framesPerNanoPerConnection = totalFramesPerSecond / connections.size() / 1e9;
	}

	void start(RunClock clock) {
		Map<EventLoop, List<Integer>> byLoop = new LinkedHashMap<>();
		for (int i = 0; i < connections.size(); i++) {
			byLoop.computeIfAbsent(connections.get(i).eventLoop(), loop -> new ArrayList<>()).add(i);
		}
		byLoop.forEach((loop, indexes) -> tickers.add(loop.scheduleAtFixedRate(() -> tick(clock, indexes), 0,
				TICK_MICROS, TimeUnit.MICROSECONDS)));
	}

	void stop() {
		tickers.forEach(ticker -> ticker.cancel(false));
	}

	private void tick(RunClock clock, List<Integer> indexes) {
		double elapsedFrames = (System.nanoTime() - clock.startNanos()) * framesPerNanoPerConnection;
		int count = connections.size();
		for (int index : indexes) {
			long due = (long) (elapsedFrames + (double) index / count) ;
			connections.get(index).pace(due);
		}
	}

}
