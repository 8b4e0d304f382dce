package io.packnet.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.packnet.protocol.FrameTimeoutException;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.security.PacketAuthenticator;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns a connection into a {@link ChannelSession}: registers it, hands every frame to the
 * dispatcher (through the {@link AuthenticationGate} until an authenticator accepts the session),
 * maps errors to a {@link CloseReason}, and reports start and close exactly once. A TLS session
 * starts when the TCP connection does, before the handshake: every accepted connection is one session
 * with one close reason, and a failed handshake is {@link CloseReason#TLS_HANDSHAKE_FAILED}.
 * Stateful (it holds the session), so one instance per connection.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(SessionHandler.class);

	private final SessionServices services;

	private @Nullable ChannelSession session;

	private @Nullable AuthenticationGate gate;

	SessionHandler(SessionServices services) {
		this.services = services;
	}

	/**
	 * Returns the session of a connection.
	 * @param channel the connection
	 * @return its session, or {@code null} before it became one or if it never will
	 */
	static @Nullable ChannelSession sessionOf(Channel channel) {
		SessionHandler handler = channel.pipeline().get(SessionHandler.class);
		return (handler != null) ? handler.session : null;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ChannelHandlerContext framed = ctx.pipeline().context(PacketServerInitializer.FRAME_ENCODER);
		ChannelSession session = new ChannelSession(this.services.registry().nextId(), framed,
				this.services.encoder(), this.services.settings(), this.services.statistics());
		this.session = session;
		PacketAuthenticator authenticator = this.services.authenticator();
		if (authenticator != null) {
			this.gate = new AuthenticationGate(authenticator, session, this.services,
					(frame) -> dispatch(session, frame));
		}
		this.services.registry().add(session);
		this.services.statistics().sessionOpened();
		this.services.listener().sessionStarted(session);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		ChannelSession session = this.session;
		try {
			if (session == null || session.closeReason() != null) {
				return;
			}
			this.services.statistics().frameIn(frame.readableBytes());
			AuthenticationGate gate = this.gate;
			if (gate != null && !gate.isOpen()) {
				// not authenticated yet: the frame goes to the authenticator, never to the dispatcher
				gate.receive(frame);
				return;
			}
			dispatch(session, frame);
		}
		finally {
			frame.release();
		}
	}

	private void dispatch(ChannelSession session, ByteBuf frame) {
		try {
			this.services.dispatcher().dispatch(session, frame);
		}
		catch (RuntimeException ex) {
			logger.error("Frame dispatch failed on session " + session.id(), ex);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent handshake) {
			if (!handshake.isSuccess()) {
				// a peer that hangs up mid-handshake closed the connection; anything else failed the handshake
				Throwable cause = handshake.cause();
				closeFor(ctx, (cause instanceof ClosedChannelException) ? CloseReason.PEER_CLOSED
						: CloseReason.TLS_HANDSHAKE_FAILED, cause);
			}
			ctx.fireUserEventTriggered(evt);
			return;
		}
		if (evt instanceof IdleStateEvent && this.session != null) {
			if (this.session.close(CloseReason.IDLE_TIMEOUT, null) && logger.isDebugEnabled()) {
				logger.debug("Closing session " + this.session.id() + " from " + this.session.remoteAddress()
						+ ": IDLE_TIMEOUT (nothing received within packnet.session.idle-timeout)");
			}
			return;
		}
		ctx.fireUserEventTriggered(evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		CloseReason reason = classify(cause);
		if (reason == CloseReason.TLS_HANDSHAKE_FAILED && handshakeSucceeded(ctx)) {
			// a TLS error after the handshake is a corrupt stream, not a failed handshake
			reason = CloseReason.PROTOCOL_ERROR;
		}
		closeFor(ctx, reason, cause);
	}

	private static boolean handshakeSucceeded(ChannelHandlerContext ctx) {
		SslHandler ssl = ctx.pipeline().get(SslHandler.class);
		return ssl != null && ssl.handshakeFuture().isSuccess();
	}

	private void closeFor(ChannelHandlerContext ctx, CloseReason reason, Throwable cause) {
		ChannelSession session = this.session;
		if (session == null) {
			ctx.close();
			return;
		}
		if (session.close(reason, cause)) {
			String message = "Closing session " + session.id() + " from " + session.remoteAddress() + ": " + reason
					+ " (" + rootMessage(cause) + ")";
			if (reason == CloseReason.PEER_CLOSED) {
				logger.debug(message);
			}
			else if (reason == CloseReason.INTERNAL_ERROR) {
				logger.error(message, cause);
			}
			else {
				logger.warn(message);
			}
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		ChannelSession session = this.session;
		if (this.gate != null) {
			this.gate.closed();
		}
		if (session != null) {
			// out of the registry before the close future completes: whoever awaits it sees the session gone
			this.services.registry().remove(session);
			CloseReason reason = session.completeClose();
			this.services.statistics().sessionClosed(reason);
			this.services.listener().sessionClosed(session, reason, session.closeCause());
		}
		ctx.fireChannelInactive();
	}

	static CloseReason classify(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof FrameTooLargeException) {
				return CloseReason.FRAME_TOO_LARGE;
			}
			if (t instanceof FrameTimeoutException) {
				return CloseReason.FRAME_TIMEOUT;
			}
			if (t instanceof SSLException) {
				return CloseReason.TLS_HANDSHAKE_FAILED;
			}
		}
		if (cause instanceof DecoderException) {
			return CloseReason.PROTOCOL_ERROR;
		}
		if (cause instanceof IOException) {
			return CloseReason.PEER_CLOSED;
		}
		return CloseReason.INTERNAL_ERROR;
	}

	private static String rootMessage(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
