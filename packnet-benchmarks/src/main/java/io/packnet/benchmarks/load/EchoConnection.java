package io.packnet.benchmarks.load;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.wire.ProbePayload;

/**
 * One echo client connection: keeps up to {@code depth} numbered frames in flight and checks every reply
 * for length, type field, sequence, timestamp and filler. Stateful (sequence numbers, in-flight
 * timestamps), so one instance per channel; all methods run on the channel's event loop.
 */
final class EchoConnection extends ChannelInboundHandlerAdapter {

	private final int index;

	private final EchoLoadSpec spec;

	private final ProbePayload probe;

	private final Recorder latency;

	private final RunOutcome outcome;

	/** Send timestamps of the frames in flight, indexed by sequence modulo depth. */
	private final long[] sentNanos;

	private final long typeValue;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable RunClock clock;

	private long nextSequence;

	private long expectedSequence;

	private long measuredReplies;

	private long skippedFrames;

	private boolean sending;

	private boolean finished;

	EchoConnection(int index, EchoLoadSpec spec, Recorder latency, RunOutcome outcome) {
		this.index = index;
		this.spec = Objects.requireNonNull(spec, "spec");
		this.latency = Objects.requireNonNull(latency, "latency");
		this.outcome = Objects.requireNonNull(outcome, "outcome");
		this.probe = new ProbePayload(spec.payloadSize(), spec.typeFieldSize(), index);
		this.sentNanos = new long[spec.depth()];
		this.typeValue = index + 1L;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	EventLoop eventLoop() {
		return context().channel().eventLoop();
	}

	/** Starts sending; unpaced connections fill their pipeline at once. */
	void start(RunClock clock) {
		this.clock = clock;
		this.sending = true;
		if (!spec.rateLimited()) {
			sendFrames(spec.depth());
			context().flush();
		}
	}

	/**
	 * Paced mode: sends the frames due by now, at most up to {@code depth} in flight, then flushes. Frames
	 * that could not be sent because the pipeline was full are skipped, not sent in a burst later.
	 */
	void pace(long dueFrames) {
		if (!sending) {
			return;
		}
		long due = dueFrames - skippedFrames - nextSequence;
		int room = spec.depth() - inFlight();
		if (due > room) {
			skippedFrames += due - room;
			due = room;
		}
		if (sendFrames((int) due)) {
			context().flush();
		}
	}

	/** Paced mode: frames not sent on schedule because {@code depth} frames were already in flight. */
	long skippedFrames() {
		return skippedFrames;
	}

	/** Stops sending at the end of the run; the connection finishes once its replies are in. */
	void stopSending() {
		sending = false;
		finishIfDrained();
	}

	long measuredReplies() {
		return measuredReplies;
	}

	long sent() {
		return nextSequence;
	}

	long received() {
		return expectedSequence;
	}

	int inFlight() {
		return (int) (nextSequence - expectedSequence);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf payload = (ByteBuf) msg;
		try {
			if (finished) {
				return;
			}
			long now = System.nanoTime();
			String problem = check(payload);
			if (problem != null) {
				fail(problem);
				return;
			}
			long sent = sentNanos[slot(expectedSequence)];
			expectedSequence++;
			if (clock().inWindow(now)) {
				LatencyHistograms.record(latency, now - sent);
				measuredReplies++;
			}
			if (sending && now >= clock().endNanos()) {
				sending = false;
			}
			if (sending && !spec.rateLimited()) {
				sendFrames(1);
			}
			finishIfDrained();
		}
		finally {
			payload.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!finished) {
			fail("closed by the server after " + expectedSequence + " replies with " + inFlight() + " frames in flight");
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!finished) {
			fail("failed: " + cause);
		}
	}

	private @Nullable String check(ByteBuf payload) {
		if (inFlight() == 0) {
			return "received an unexpected frame with nothing in flight (duplicate?) after " + expectedSequence
					+ " replies";
		}
		if (payload.readableBytes() != spec.payloadSize()) {
			return "corrupted frame: " + payload.readableBytes() + " payload bytes instead of " + spec.payloadSize()
					+ " (expected sequence " + expectedSequence + ")";
		}
		if (!typeFieldIntact(payload)) {
			return "corrupted type field (expected sequence " + expectedSequence + ")";
		}
		long sequence = probe.sequence(payload);
		if (sequence != expectedSequence) {
			String what = (sequence > expectedSequence && sequence < nextSequence) ? "lost or reordered"
					: (sequence < expectedSequence) ? "duplicated or reordered" : "corrupted";
			return what + " frame: expected sequence " + expectedSequence + ", received " + sequence;
		}
		if (probe.sentNanos(payload) != sentNanos[slot(sequence)]) {
			return "corrupted timestamp in sequence " + sequence;
		}
		if (!probe.fillerIntact(payload)) {
			return "corrupted payload bytes in sequence " + sequence;
		}
		return null;
	}

	private boolean typeFieldIntact(ByteBuf payload) {
		int at = payload.readerIndex();
		return switch (spec.typeFieldSize()) {
			case 0 -> true;
			case 1 -> payload.getUnsignedByte(at) == (typeValue & 0xFF);
			case 2 -> payload.getUnsignedShort(at) == (typeValue & 0xFFFF);
			default -> payload.getUnsignedInt(at) == (typeValue & 0xFFFF_FFFFL);
		};
	}

	/** Writes {@code count} frames without flushing; returns whether it wrote any. */
	private boolean sendFrames(int count) {
		if (count <= 0) {
			return false;
		}
		ChannelHandlerContext context = context();
		for (int i = 0; i < count; i++) {
			long sequence = nextSequence++;
			long now = System.nanoTime();
			sentNanos[slot(sequence)] = now;
			ByteBuf frame = context.alloc().buffer(spec.payloadSize());
			writeTypeField(frame);
			probe.writeBody(frame, sequence, now);
			context.write(frame, context.voidPromise());
		}
		return true;
	}

	private void writeTypeField(ByteBuf frame) {
		switch (spec.typeFieldSize()) {
			case 0 -> {
			}
			case 1 -> frame.writeByte((int) typeValue);
			case 2 -> frame.writeShort((int) typeValue);
			default -> frame.writeInt((int) typeValue);
		}
	}

	private void finishIfDrained() {
		if (!sending && !finished && clock != null && inFlight() == 0) {
			finished = true;
			outcome.participantFinished();
		}
	}

	private void fail(String problem) {
		finished = true;
		sending = false;
		outcome.fail("Echo connection #" + index + ": " + problem);
		context().close();
	}

	private int slot(long sequence) {
		return (int) (sequence % sentNanos.length);
	}

	private ChannelHandlerContext context() {
		return Objects.requireNonNull(ctx, "handler not added to a pipeline");
	}

	private RunClock clock() {
		return Objects.requireNonNull(clock, "connection not started");
	}

}
