package io.packnet.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.HdrHistogram.Recorder;

/**
 * Drives a broadcast server (see the {@linkplain io.packnet.benchmarks.wire wire convention}): connects
 * and joins the receivers, then one sender broadcasts numbered frames with a bounded window. Every
 * receiver checks that it gets every broadcast once, intact and in order; any gap fails the run with a
 * {@link LoadFailedException}. Receivers spread over several servers of a cluster
 * ({@link BroadcastLoadSpec#receiverServers()}) are checked the same way: each must get every broadcast
 * of the sender, whichever server it is on.
 */
public final class BroadcastLoadGenerator {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private static final long JOIN_POLL_MILLIS = 50;

	private BroadcastLoadGenerator() {
	}

	/** Runs {@code spec} to the end and returns the measured result. */
	public static BroadcastResult run(BroadcastLoadSpec spec) throws InterruptedException {
		Objects.requireNonNull(spec, "spec");
		EventLoopGroup group = spec.transport().newEventLoopGroup(spec.effectiveIoThreads(), "broadcast-load");
		List<Channel> channels = new ArrayList<>();
		try {
			RunOutcome outcome = new RunOutcome(1);
			Recorder latency = LatencyHistograms.newRecorder();
			LongAdder measuredDeliveries = new LongAdder();
			CountDownLatch joined = new CountDownLatch(spec.receivers());
			BroadcastSender sender = new BroadcastSender(spec, outcome);
			List<BroadcastReceiver> receivers = new ArrayList<>(spec.receivers());
			for (int i = 0; i < spec.receivers(); i++) {
				receivers.add(new BroadcastReceiver(i, spec, sender, latency, measuredDeliveries, joined, outcome));
			}
			ClientConnector connector = new ClientConnector(group, spec.transport(), spec.connectTimeout());
			int first = 0;
			for (int server = 0; server < spec.receiverServers().size(); server++) {
				int offset = first;
				channels.addAll(connector.connect(spec.receiverServers().get(server), spec.receiversOn(server),
						i -> pipeline(spec, receivers.get(offset + i)), spec.connectTimeout()));
				first += spec.receiversOn(server);
			}
			awaitJoins(joined, outcome, spec);
			Channel senderChannel = connector.connect(spec.server(), 1, i -> pipeline(spec, sender), spec.connectTimeout())
				.get(0);
			channels.add(senderChannel);

			RunClock clock = RunClock.startingNow(spec.warmup(), spec.duration());
			receivers.forEach(receiver -> receiver.measureWith(clock));
			senderChannel.eventLoop().execute(() -> sender.start(clock));
			senderChannel.eventLoop().schedule(sender::stopSending, clock.nanosUntilEnd(), TimeUnit.NANOSECONDS);
			Duration runTime = spec.warmup().plus(spec.duration()).plus(spec.drainTimeout());
			outcome.await(runTime, () -> "broadcasts " + sender.oldestPending() + " to " + (sender.sent() - 1)
					+ " did not reach every receiver (lost deliveries); " + slowestReceiver(spec, receivers));
			// the run only finishes once every broadcast sent reached every receiver
			long checked = sender.sent() * spec.receivers();
			return new BroadcastResult(spec, measuredDeliveries.sum(), clock.windowSeconds(),
					latency.getIntervalHistogram(), checked);
		}
		finally {
			channels.forEach(Channel::close);
			group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.await(SHUTDOWN_TIMEOUT.toMillis() * 2);
		}
	}

	private static void awaitJoins(CountDownLatch joined, RunOutcome outcome, BroadcastLoadSpec spec)
			throws InterruptedException {
		long deadline = System.nanoTime() + spec.connectTimeout().toNanos();
		while (!joined.await(JOIN_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
			if (outcome.failed()) {
				outcome.await(Duration.ZERO, () -> "");
			}
			if (System.nanoTime() > deadline) {
				throw new LoadFailedException("Only " + (spec.receivers() - joined.getCount()) + " of "
						+ spec.receivers() + " receivers got a JOIN acknowledgement within " + spec.connectTimeout());
			}
		}
	}

	private static ChannelHandler pipeline(BroadcastLoadSpec spec, ChannelHandler client) {
		return new ChannelInitializer<SocketChannel>() {
			@Override
			protected void initChannel(SocketChannel channel) {
				// framing in, framing out, then the sending or receiving client
				channel.pipeline()
					.addLast("frameDecoder", spec.lengthPrefix().newDecoder(spec.payloadSize()))
					.addLast("framePrepender", spec.lengthPrefix().newPrepender())
					.addLast("broadcastClient", client);
			}
		};
	}

	private static String slowestReceiver(BroadcastLoadSpec spec, List<BroadcastReceiver> receivers) {
		int slowest = 0;
		for (int i = 1; i < receivers.size(); i++) {
			if (receivers.get(i).received() < receivers.get(slowest).received()) {
				slowest = i;
			}
		}
		return "receiver #" + slowest + " (on " + spec.receiverServer(slowest) + ") has "
				+ receivers.get(slowest).received() + " broadcasts";
	}

}
