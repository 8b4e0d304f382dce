package io.packnet.benchmarks.load;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.wire.BroadcastWire;
import io.packnet.benchmarks.wire.ProbePayload;

/**
 * The sending connection of a broadcast run: sends numbered {@code BROADCAST} frames, keeping at most
 * {@code window} of them not yet received by every receiver. Receivers report each delivery; the one that
 * completes a broadcast hands it back to the sender's event loop. Stateful, one per run.
 */
final class BroadcastSender extends ChannelInboundHandlerAdapter {

	private final BroadcastLoadSpec spec;

	private final ProbePayload probe;

	private final RunOutcome outcome;

	/** Receivers that got the broadcast in each window slot; written by receivers, reset by the sender. */
	private final AtomicIntegerArray deliveries;

	/** Window slots whose broadcast reached every receiver; sender's event loop only. */
	private final boolean[] fullyDelivered;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable RunClock clock;

	private long nextSequence;

	/** The oldest broadcast not yet received by every receiver. */
	private long oldestPending;

	private boolean sending;

	private boolean finished;

	BroadcastSender(BroadcastLoadSpec spec, RunOutcome outcome) {
		this.spec = Objects.requireNonNull(spec, "spec");
		this.outcome = Objects.requireNonNull(outcome, "outcome");
		this.probe = new ProbePayload(spec.payloadSize(), BroadcastLoadSpec.OPCODE_SIZE, 0);
		this.deliveries = new AtomicIntegerArray(spec.window());
		this.fullyDelivered = new boolean[spec.window()];
	}

	/** The filler pattern receivers must see. */
	ProbePayload probe() {
		return probe;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/** Starts sending; runs on the sender's event loop. */
	void start(RunClock clock) {
		this.clock = clock;
		this.sending = true;
		sendWhileWindowOpen();
	}

	/** Stops sending at the end of the run; finishes once every sent broadcast reached every receiver. */
	void stopSending() {
		sending = false;
		finishIfDrained();
	}

	/** Called by a receiver (on its own event loop) for each broadcast it received in order. */
	void delivered(long sequence) {
		if (deliveries.incrementAndGet(slot(sequence)) == spec.receivers()) {
			context().executor().execute(() -> fullyDelivered(sequence));
		}
	}

	long sent() {
		return nextSequence;
	}

	long oldestPending() {
		return oldestPending;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
		fail("received a frame; the server must not deliver broadcasts back to their sender");
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!outcome.isDone()) {
			fail("closed by the server after " + nextSequence + " broadcasts");
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail("failed: " + cause);
	}

	private void fullyDelivered(long sequence) {
		fullyDelivered[slot(sequence)] = true;
		while (oldestPending < nextSequence && fullyDelivered[slot(oldestPending)]) {
			fullyDelivered[slot(oldestPending)] = false;
			deliveries.set(slot(oldestPending), 0);
			oldestPending++;
		}
		if (sending && System.nanoTime() >= clock().endNanos()) {
			sending = false;
		}
		sendWhileWindowOpen();
		finishIfDrained();
	}

	private void sendWhileWindowOpen() {
		ChannelHandlerContext context = context();
		boolean wrote = false;
		while (sending && nextSequence < oldestPending + spec.window()) {
			ByteBuf frame = context.alloc().buffer(spec.payloadSize());
			frame.writeByte(BroadcastWire.BROADCAST);
			probe.writeBody(frame, nextSequence++, System.nanoTime());
			context.write(frame, context.voidPromise());
			wrote = true;
		}
		if (wrote) {
			context.flush();
		}
	}

	private void finishIfDrained() {
		if (!sending && !finished && clock != null && oldestPending == nextSequence) {
			finished = true;
			outcome.participantFinished();
		}
	}

	private void fail(String problem) {
		sending = false;
		finished = true;
		outcome.fail("Broadcast sender: " + problem);
		context().close();
	}

	private int slot(long sequence) {
		return (int) (sequence % fullyDelivered.length);
	}

	private ChannelHandlerContext context() {
		return Objects.requireNonNull(ctx, "handler not added to a pipeline");
	}

	private RunClock clock() {
		return Objects.requireNonNull(clock, "sender not started");
	}

}
