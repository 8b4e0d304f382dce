package io.packnet.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Cuts inbound bytes into frames with a {@link PacketProtocol}. Stateful (it holds the partial
 * frame), so one instance per connection. After a bad frame it discards all further input: the
 * session is closing and nothing more from this peer is trusted.
 * <p>With a frame timeout, a frame must complete within that time of its first byte arriving,
 * else a {@link FrameTimeoutException} is fired. Unlike an idle timeout, a peer cannot defeat it by
 * trickling one byte at a time.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

	private final PacketProtocol protocol;

	private final long frameTimeoutNanos;

	private boolean failed;

	private boolean frameDecoded;

	/** Whether part of a frame is buffered. */
	private boolean partial;

	/** When the buffered partial frame started, on the event loop's ticker. */
	private long partialSince;

	private @Nullable ScheduledFuture<?> frameTimer;

	/**
	 * Creates a decoder for one connection, without a frame timeout.
	 * @param protocol the framing
	 */
	public FrameDecoder(PacketProtocol protocol) {
		this(protocol, Duration.ZERO);
	}

	/**
	 * Creates a decoder for one connection.
	 * @param protocol the framing
	 * @param frameTimeout how long a started frame may take to complete; zero turns the check off
	 */
	public FrameDecoder(PacketProtocol protocol, Duration frameTimeout) {
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.frameTimeoutNanos = Objects.requireNonNull(frameTimeout, "frameTimeout").toNanos();
		if (this.frameTimeoutNanos < 0) {
			throw new IllegalArgumentException("frameTimeout must not be negative but was " + frameTimeout);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return;
		}
		try {
			ByteBuf frame = this.protocol.decode(in);
			if (frame != null) {
				this.frameDecoded = true;
				out.add(frame);
			}
		}
		catch (RuntimeException ex) {
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		try {
			super.channelRead(ctx, msg);
		}
		finally {
			if (this.frameTimeoutNanos > 0 && !this.failed) {
				trackPartialFrame(ctx);
			}
		}
	}

	private void trackPartialFrame(ChannelHandlerContext ctx) {
		if (actualReadableBytes() == 0) {
			this.partial = false;
		}
		else if (this.frameDecoded || !this.partial) {
			// a new frame started with this read: its clock starts now
			this.partial = true;
			this.partialSince = ctx.executor().ticker().nanoTime();
			if (this.frameTimer == null) {
				scheduleFrameTimer(ctx, this.frameTimeoutNanos);
			}
		}
		this.frameDecoded = false;
	}

	private void scheduleFrameTimer(ChannelHandlerContext ctx, long delayNanos) {
		this.frameTimer = ctx.executor().schedule(() -> checkFrameTimeout(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void checkFrameTimeout(ChannelHandlerContext ctx) {
		this.frameTimer = null;
		if (!this.partial || this.failed || !ctx.channel().isActive()) {
			return;
		}
		long remaining = this.partialSince + this.frameTimeoutNanos - ctx.executor().ticker().nanoTime();
		if (remaining > 0) {
			// the frame that armed the timer completed; a later one is still within its time
			scheduleFrameTimer(ctx, remaining);
			return;
		}
		this.failed = true;
		ctx.fireExceptionCaught(new FrameTimeoutException(Duration.ofNanos(this.frameTimeoutNanos),
				actualReadableBytes()));
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		cancelFrameTimer();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancelFrameTimer();
		super.channelInactive(ctx);
	}

	private void cancelFrameTimer() {
		ScheduledFuture<?> timer = this.frameTimer;
		if (timer != null) {
			timer.cancel(false);
			this.frameTimer = null;
		}
	}

}
