package io.packnet.session;

import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Session} over a Netty channel. Besides the public API it offers the fire-and-forget
 * writes that handler replies and broadcasts use on the hot path (no future per frame).
 */
public final class ChannelSession implements Session {

	/** How long a lingering close waits for the next byte from the peer before it closes. */
	private static final long LINGER_MILLIS = 1000;

	private static final String LINGER_HANDLER = "packnet.linger";

	private static final AtomicReferenceFieldUpdater<ChannelSession, CloseReason> CLOSE_REASON = AtomicReferenceFieldUpdater
		.newUpdater(ChannelSession.class, CloseReason.class, "closeReason");

	private final long id;

	private final Channel channel;

	private final ChannelHandlerContext framedContext;

	private final MessageEncoder encoder;

	private final SessionSettings settings;

	private final PacknetStatistics statistics;

	private final Instant startedAt = Instant.now();

	private final CompletableFuture<CloseReason> closeFuture = new CompletableFuture<>();

	private volatile @Nullable Map<String, Object> attributes;

	private volatile @Nullable CloseReason closeReason;

	/** Set while a broadcast flush is pending on the event loop; only touched on that loop. */
	private boolean flushDeferred;

	private volatile @Nullable Throwable closeCause;

	private volatile @Nullable Principal principal;

	/** Set on the event loop once a graceful close has queued its flush; no write is accepted after it. */
	private boolean closeMarkerQueued;

	/**
	 * Creates a session.
	 * @param id the session id
	 * @param framedContext the context of the pipeline's frame encoder: writes through it skip framing
	 * @param encoder turns messages into payloads
	 * @param settings outbound limits
	 * @param statistics counters
	 */
	public ChannelSession(long id, ChannelHandlerContext framedContext, MessageEncoder encoder,
			SessionSettings settings, PacknetStatistics statistics) {
		this.id = id;
		this.framedContext = Objects.requireNonNull(framedContext, "framedContext");
		this.channel = framedContext.channel();
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public SocketAddress remoteAddress() {
		return this.channel.remoteAddress();
	}

	@Override
	public SocketAddress localAddress() {
		return this.channel.localAddress();
	}

	@Override
	public Instant startedAt() {
		return this.startedAt;
	}

	@Override
	public boolean isOpen() {
		return this.closeReason == null && this.channel.isActive();
	}

	@Override
	public Optional<Principal> principal() {
		return Optional.ofNullable(this.principal);
	}

	/**
	 * Records who the session authenticated as; called once by the server when authentication succeeds.
	 * @param principal the authenticated principal
	 */
	public void authenticated(Principal principal) {
		this.principal = Objects.requireNonNull(principal, "principal");
	}

	@Override
	public Optional<SSLSession> sslSession() {
		SslHandler ssl = this.channel.pipeline().get(SslHandler.class);
		if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
			return Optional.empty();
		}
		return Optional.of(ssl.engine().getSession());
	}

	/**
	 * Returns the underlying channel.
	 * @return the channel
	 */
	public Channel channel() {
		return this.channel;
	}

	/**
	 * Returns the event loop that serves this session.
	 * @return the event loop
	 */
	public EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	/**
	 * Returns the message encoder of this session.
	 * @return the encoder
	 */
	public MessageEncoder encoder() {
		return this.encoder;
	}

	@Override
	public CompletableFuture<Void> send(Object message) {
		return send(false, 0, message);
	}

	@Override
	public CompletableFuture<Void> send(int type, Object message) {
		return send(true, type, message);
	}

	private CompletableFuture<Void> send(boolean typed, int type, Object message) {
		ByteBuf payload;
		try {
			if (!acceptsWrites()) {
				ReferenceCountUtil.release(message);
				throw new SessionClosedException(this.id);
			}
			payload = typed ? this.encoder.encode(this.channel.alloc(), type, message)
					: this.encoder.encode(this.channel.alloc(), message);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<Void> result = new CompletableFuture<>();
		ChannelPromise promise = this.channel.newPromise();
		promise.addListener((future) -> {
			if (future.isSuccess()) {
				result.complete(null);
			}
			else {
				result.completeExceptionally(future.cause());
			}
		});
		writePayload(payload, promise);
		return result;
	}

	/**
	 * Writes and flushes an encoded payload without a future: failures follow the overflow policy
	 * and are counted, never thrown. The hot path for handler replies.
	 * @param payload the payload; ownership passes to the session
	 */
	public void sendPayload(ByteBuf payload) {
		writePayload(payload, this.channel.voidPromise());
	}

	private void writePayload(ByteBuf payload, ChannelPromise promise) {
		int size = payload.readableBytes();
		RuntimeException rejection = admit(size, size);
		if (rejection != null) {
			payload.release();
			// failing the channel's void promise would fire exceptionCaught and close the session
			if (!promise.isVoid()) {
				promise.tryFailure(rejection);
			}
			return;
		}
		this.statistics.frameOut(size);
		this.channel.writeAndFlush(payload, promise);
	}

	/**
	 * Writes a frame that is already framed (a broadcast's shared buffer) without flushing; call
	 * {@link #flush()} after a batch, and count what was written with {@link #countFramesWritten} (once
	 * per batch: a counter update per frame costs more than the write on a large broadcast). Must be
	 * called on this session's event loop.
	 * @param frame the framed bytes; ownership passes to the session
	 * @param payloadSize the payload's size, checked against the maximum frame size
	 * @return {@code true} if written, {@code false} if dropped or the session closed
	 */
	public boolean writeFrame(ByteBuf frame, int payloadSize) {
		RuntimeException rejection = admit(frame.readableBytes(), payloadSize);
		if (rejection != null) {
			frame.release();
			return false;
		}
		this.framedContext.write(frame, this.channel.voidPromise());
		return true;
	}

	/**
	 * Counts frames written with {@link #writeFrame}, to this session or to others of the same server,
	 * in the server's frames-sent statistics.
	 * @param frames the number of frames written
	 * @param payloadBytes their payload size in total
	 */
	public void countFramesWritten(int frames, long payloadBytes) {
		this.statistics.framesOut(frames, payloadBytes);
	}

	/** Flushes frames written with {@link #writeFrame}. */
	public void flush() {
		this.framedContext.flush();
	}

	/**
	 * Marks the session as waiting for a deferred flush; confined to its event loop.
	 * @return {@code true} if it was not waiting already (the caller then owes it one {@link #flushDeferred()})
	 */
	public boolean markFlushDeferred() {
		if (this.flushDeferred) {
			return false;
		}
		this.flushDeferred = true;
		return true;
	}

	/** Performs the deferred flush; confined to the session's event loop. */
	public void flushDeferred() {
		this.flushDeferred = false;
		flush();
	}

	/**
	 * Checks a frame against the closed state, the maximum frame size and the outbound limit.
	 * @param size the bytes the write queues
	 * @param payloadSize the payload's size, which the maximum frame size limits (a framed buffer is
	 * larger by its header)
	 * @return {@code null} if the frame may be written, else the reason it may not
	 */
	private @Nullable RuntimeException admit(int size, int payloadSize) {
		if (!acceptsWrites()) {
			return new SessionClosedException(this.id);
		}
		if (payloadSize > this.settings.maxFrameSize()) {
			return new FrameTooLargeException(payloadSize, this.settings.maxFrameSize());
		}
		long pending = pendingOutboundBytes();
		if (pending + size <= this.settings.maxPendingBytes()) {
			return null;
		}
		SessionOverflowException overflow = new SessionOverflowException(this.id, pending, size,
				this.settings.maxPendingBytes(), this.settings.overflowPolicy());
		if (this.settings.overflowPolicy() == OverflowPolicy.DROP) {
			this.statistics.frameDroppedOverflow();
		}
		else {
			close(CloseReason.SLOW_CONSUMER, overflow);
		}
		return overflow;
	}

	@Override
	public long pendingOutboundBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	@Override
	public void close() {
		close(CloseReason.CLOSED_BY_APPLICATION, null);
	}

	/**
	 * Closes the session for a reason. The first reason given wins. Graceful reasons flush what is
	 * queued, then half-close and wait for the peer to close (all bounded by the session's close
	 * timeout); the others close at once.
	 * @param reason why
	 * @param cause the error behind it, if any
	 * @return {@code true} if this call started the close
	 */
	public boolean close(CloseReason reason, @Nullable Throwable cause) {
		if (!markClosing(reason, cause)) {
			return false;
		}
		if (!isGraceful(reason) || !this.channel.isActive()) {
			this.channel.close();
			return true;
		}
		EventLoop loop = this.channel.eventLoop();
		if (loop.inEventLoop()) {
			flushThenClose();
		}
		else {
			try {
				loop.execute(this::flushThenClose);
			}
			catch (RejectedExecutionException ex) {
				this.channel.close();
			}
		}
		return true;
	}

	private void flushThenClose() {
		this.closeMarkerQueued = true;
		// an empty buffer written past the framing completes once everything before it is flushed
		this.framedContext.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) (flushed) -> {
			if (flushed.isSuccess()) {
				lingeringClose();
			}
			else {
				this.channel.close();
			}
		});
		// a peer that never reads must not hold the session open: cut it after the close timeout
		Duration timeout = this.settings.closeTimeout();
		ScheduledFuture<?> forcedClose = this.channel.eventLoop()
			.schedule(() -> this.channel.close(), timeout.toMillis(), TimeUnit.MILLISECONDS);
		this.channel.closeFuture().addListener((future) -> forcedClose.cancel(false));
	}

	/**
	 * Ends the output and lets the peer close (a lingering close): closing outright while its frames
	 * are still arriving would reset the connection, and a peer that fails on the reset drops the
	 * replies it has not read yet. Frames that still arrive are discarded. The connection closes when
	 * the peer closes, after {@link #LINGER_MILLIS} without a byte from it, or at the close timeout.
	 */
	private void lingeringClose() {
		if (!(this.channel instanceof DuplexChannel duplex) || !this.channel.isActive()) {
			this.channel.close();
			return;
		}
		this.channel.pipeline()
			.addFirst(LINGER_HANDLER, new IdleStateHandler(LINGER_MILLIS, 0, 0, TimeUnit.MILLISECONDS) {
				@Override
				protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
					ctx.close();
				}
			});
		this.channel.config().setAutoRead(true);
		SslHandler ssl = this.channel.pipeline().get(SslHandler.class);
		Future<?> outboundClosed = (ssl != null) ? ssl.closeOutbound() : this.channel.newSucceededFuture();
		outboundClosed.addListener((notified) -> duplex.shutdownOutput().addListener((ChannelFutureListener) (shut) -> {
			if (!shut.isSuccess()) {
				this.channel.close();
			}
		}));
	}

	/**
	 * Tells whether a write may be queued: while open, and, during a graceful close requested from
	 * another thread, for writes the event loop makes before it queues the close. Those are replies to
	 * frames dispatched before the close, and go out with everything else queued.
	 */
	private boolean acceptsWrites() {
		if (isOpen()) {
			return true;
		}
		CloseReason reason = this.closeReason;
		return reason != null && isGraceful(reason) && !this.closeMarkerQueued && this.channel.isActive()
				&& this.channel.eventLoop().inEventLoop();
	}

	private static boolean isGraceful(CloseReason reason) {
		return switch (reason) {
			case CLOSED_BY_APPLICATION, SERVER_SHUTDOWN, HANDLER_ERROR, UNMAPPED_TYPE, UNAUTHENTICATED -> true;
			default -> false;
		};
	}

	/**
	 * Records why the session is closing unless a reason is already recorded.
	 * @param reason the reason
	 * @param cause the error, if any
	 * @return {@code true} if this reason was recorded
	 */
	public boolean markClosing(CloseReason reason, @Nullable Throwable cause) {
		if (CLOSE_REASON.compareAndSet(this, null, reason)) {
			this.closeCause = cause;
			return true;
		}
		return false;
	}

	/**
	 * Completes {@link #closeFuture()}; called once by the pipeline when the channel is closed.
	 * @return the final close reason
	 */
	public CloseReason completeClose() {
		markClosing(CloseReason.PEER_CLOSED, null);
		CloseReason reason = Objects.requireNonNull(this.closeReason);
		this.closeFuture.complete(reason);
		return reason;
	}

	@Override
	public @Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	/**
	 * Returns the error that closed the session.
	 * @return the cause, or {@code null}
	 */
	public @Nullable Throwable closeCause() {
		return this.closeCause;
	}

	@Override
	public CompletionStage<CloseReason> closeFuture() {
		return this.closeFuture.minimalCompletionStage();
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> map = this.attributes;
		if (map == null) {
			synchronized (this) {
				map = this.attributes;
				if (map == null) {
					// created on first use: most sessions of a broadcast-heavy server never need it
					map = new ConcurrentHashMap<>(4);
					this.attributes = map;
				}
			}
		}
		return map;
	}

	@Override
	public String toString() {
		return "Session[id=" + this.id + ", remote=" + this.channel.remoteAddress() + "]";
	}

}
