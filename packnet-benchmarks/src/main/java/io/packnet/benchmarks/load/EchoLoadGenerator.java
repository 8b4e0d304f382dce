package io.packnet.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.HdrHistogram.Recorder;

/**
 * Drives an echo server: opens the connections, keeps {@code depth} numbered frames in flight on each
 * (or paces them at a target rate), checks every reply, and reports throughput and round-trip latency.
 * Any lost, reordered, duplicated or corrupted frame, or a dropped connection, fails the run with a
 * {@link LoadFailedException}.
 */
public final class EchoLoadGenerator {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private EchoLoadGenerator() {
	}

	/** Runs {@code spec} to the end and returns the measured result. */
	public static EchoResult run(EchoLoadSpec spec) throws InterruptedException {
		return run(spec, WindowListener.NONE);
	}

	/** Runs {@code spec} to the end, telling {@code window} when the measured window opens and closes. */
	public static EchoResult run(EchoLoadSpec spec, WindowListener window) throws InterruptedException {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(window, "window");
		EventLoopGroup group = spec.transport().newEventLoopGroup(spec.effectiveIoThreads(), "echo-load");
		List<Channel> channels = List.of();
		try {
			Recorder latency = LatencyHistograms.newRecorder();
			RunOutcome outcome = new RunOutcome(spec.connections());
			List<EchoConnection> connections = new ArrayList<>(spec.connections());
			for (int i = 0; i < spec.connections(); i++) {
				connections.add(new EchoConnection(i, spec, latency, outcome));
			}
			ClientConnector connector = new ClientConnector(group, spec.transport(), spec.connectTimeout());
			channels = connector.connect(spec.server(), spec.connections(), i -> pipeline(spec, connections.get(i)),
					spec.connectTimeout());

			RunClock clock = RunClock.startingNow(spec.warmup(), spec.duration());
			group.schedule(window::windowOpened, clock.nanosUntilWindow(), TimeUnit.NANOSECONDS);
			group.schedule(window::windowClosed, clock.nanosUntilEnd(), TimeUnit.NANOSECONDS);
			RatePacer pacer = spec.rateLimited() ? new RatePacer(connections, spec.targetFramesPerSecond()) : null;
			for (EchoConnection connection : connections) {
				connection.eventLoop().execute(() -> connection.start(clock));
				connection.eventLoop().schedule(connection::stopSending, clock.nanosUntilEnd(), TimeUnit.NANOSECONDS);
			}
			if (pacer != null) {
				pacer.start(clock);
			}
			try {
				Duration runTime = spec.warmup().plus(spec.duration()).plus(spec.drainTimeout());
				outcome.await(runTime, () -> unfinishedReport(connections));
			}
			finally {
				if (pacer != null) {
					pacer.stop();
				}
			}
			long frames = connections.stream().mapToLong(EchoConnection::measuredReplies).sum();
			long skipped = connections.stream().mapToLong(EchoConnection::skippedFrames).sum();
			long checked = connections.stream().mapToLong(EchoConnection::received).sum();
			return new EchoResult(spec, frames, clock.windowSeconds(), latency.getIntervalHistogram(), skipped, checked);
		}
		finally {
			channels.forEach(Channel::close);
			group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.await(SHUTDOWN_TIMEOUT.toMillis() * 2);
		}
	}

	private static ChannelInitializer<SocketChannel> pipeline(EchoLoadSpec spec, EchoConnection connection) {
		return new ChannelInitializer<>() {
			@Override
			protected void initChannel(SocketChannel channel) {
				// framing in, framing out, then the checking client
				channel.pipeline()
					.addLast("frameDecoder", spec.lengthPrefix().newDecoder(spec.payloadSize()))
					.addLast("framePrepender", spec.lengthPrefix().newPrepender())
					.addLast("echoClient", connection);
			}
		};
	}

	private static String unfinishedReport(List<EchoConnection> connections) {
		StringBuilder report = new StringBuilder("frames lost (no reply after sending stopped):");
		int listed = 0;
		for (int i = 0; i < connections.size() && listed < 5; i++) {
			EchoConnection connection = connections.get(i);
			if (connection.inFlight() > 0) {
				report.append(" connection #").append(i).append(" sent ").append(connection.sent())
					.append(", received ").append(connection.received()).append(';');
				listed++;
			}
		}
		return (listed > 0) ? report.toString() : "connections did not finish";
	}

}
