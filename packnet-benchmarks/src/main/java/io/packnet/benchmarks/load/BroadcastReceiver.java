package io.packnet.benchmarks.load;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.wire.BroadcastWire;
import io.packnet.benchmarks.wire.ProbePayload;

/**
 * A receiving connection of a broadcast run: joins on connect, then checks that broadcasts arrive
 * complete and in the sender's order, and reports each one to the sender. Stateful (expected sequence),
 * one per channel; all methods run on the channel's event loop except {@link #measureWith}.
 */
final class BroadcastReceiver extends ChannelInboundHandlerAdapter {

	private final int index;

	private final BroadcastLoadSpec spec;

	private final BroadcastSender sender;

	private final ProbePayload probe;

	private final Recorder latency;

	private final LongAdder measuredDeliveries;

	private final CountDownLatch joined;

	private final RunOutcome outcome;

	private volatile @Nullable RunClock clock;

	private boolean joinAcknowledged;

	private long expectedSequence;

	BroadcastReceiver(int index, BroadcastLoadSpec spec, BroadcastSender sender, Recorder latency,
			LongAdder measuredDeliveries, CountDownLatch joined, RunOutcome outcome) {
		this.index = index;
		this.spec = Objects.requireNonNull(spec, "spec");
		this.sender = Objects.requireNonNull(sender, "sender");
		this.probe = sender.probe();
		this.latency = Objects.requireNonNull(latency, "latency");
		this.measuredDeliveries = Objects.requireNonNull(measuredDeliveries, "measuredDeliveries");
		this.joined = Objects.requireNonNull(joined, "joined");
		this.outcome = Objects.requireNonNull(outcome, "outcome");
	}

	/** Sets the run's clock before the sender starts. */
	void measureWith(RunClock clock) {
		this.clock = clock;
	}

	long received() {
		return expectedSequence;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ctx.writeAndFlush(ctx.alloc().buffer(BroadcastWire.JOIN_PAYLOAD_SIZE).writeByte(BroadcastWire.JOIN),
				ctx.voidPromise());
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf payload = (ByteBuf) msg;
		try {
			if (outcome.isDone()) {
				return;
			}
			if (!joinAcknowledged) {
				acceptJoinAcknowledgement(ctx, payload);
				return;
			}
			long now = System.nanoTime();
			RunClock runClock = clock;
			String problem = check(payload, now, runClock);
			if (problem != null) {
				fail(ctx, problem);
				return;
			}
			expectedSequence++;
			if (runClock != null && runClock.inWindow(now)) {
				LatencyHistograms.record(latency, now - probe.sentNanos(payload));
				measuredDeliveries.increment();
			}
			sender.delivered(expectedSequence - 1);
		}
		finally {
			payload.release();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!outcome.isDone()) {
			fail(ctx, "closed by the server after " + expectedSequence + " broadcasts");
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, "failed: " + cause);
	}

	private void acceptJoinAcknowledgement(ChannelHandlerContext ctx, ByteBuf payload) {
		if (payload.readableBytes() != BroadcastWire.JOIN_PAYLOAD_SIZE
				|| payload.getByte(payload.readerIndex()) != BroadcastWire.JOIN) {
			fail(ctx, "expected the JOIN acknowledgement [0x01], received " + payload.readableBytes() + " bytes");
			return;
		}
		joinAcknowledged = true;
		joined.countDown();
	}

	private @Nullable String check(ByteBuf payload, long now, @Nullable RunClock runClock) {
		if (payload.readableBytes() != spec.payloadSize()) {
			return "corrupted broadcast: " + payload.readableBytes() + " bytes instead of " + spec.payloadSize()
					+ " (expected sequence " + expectedSequence + ")";
		}
		if (payload.getByte(payload.readerIndex()) != BroadcastWire.BROADCAST) {
			return "corrupted broadcast: opcode " + payload.getByte(payload.readerIndex()) + " (expected sequence "
					+ expectedSequence + ")";
		}
		long sequence = probe.sequence(payload);
		if (sequence != expectedSequence) {
			String what = (sequence > expectedSequence && sequence < sender.sent()) ? "lost or reordered"
					: (sequence < expectedSequence) ? "duplicated or reordered" : "corrupted";
			return what + " broadcast: expected sequence " + expectedSequence + ", received " + sequence;
		}
		long sent = probe.sentNanos(payload);
		if (runClock == null || sent < runClock.startNanos() || sent > now) {
			return "corrupted timestamp in broadcast " + sequence;
		}
		if (!probe.fillerIntact(payload)) {
			return "corrupted payload bytes in broadcast " + sequence;
		}
		return null;
	}

	private void fail(ChannelHandlerContext ctx, String problem) {
		outcome.fail("Broadcast receiver #" + index + " (on " + spec.receiverServer(index) + "): " + problem);
		ctx.close();
	}

}
