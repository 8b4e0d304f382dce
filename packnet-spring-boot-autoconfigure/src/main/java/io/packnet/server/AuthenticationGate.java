package io.packnet.server;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.packnet.security.AuthenticationResult;
import io.packnet.security.PacketAuthenticationException;
import io.packnet.security.PacketAuthenticator;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Holds a session's frames back from the dispatcher until its {@link PacketAuthenticator} accepts it.
 * Stateful (frames waiting on a deferred decision, the timeout), so one per session; used only on the
 * session's event loop.
 */
final class AuthenticationGate {

	private static final Log logger = LogFactory.getLog(AuthenticationGate.class);

	private final PacketAuthenticator authenticator;

	private final ChannelSession session;

	private final SessionServices services;

	private final Consumer<ByteBuf> dispatch;

	/** Frames received while a deferred decision is pending, retained; at most one read's worth. */
	private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();

	private boolean authenticated;

	private boolean deciding;

	private @Nullable ScheduledFuture<?> timeout;

	/**
	 * Creates the gate of one session and starts its authentication timeout.
	 * @param dispatch hands a frame of the authenticated session to the application (does not release it)
	 */
	AuthenticationGate(PacketAuthenticator authenticator, ChannelSession session, SessionServices services,
			Consumer<ByteBuf> dispatch) {
		this.authenticator = authenticator;
		this.session = session;
		this.services = services;
		this.dispatch = dispatch;
		Duration authTimeout = services.authTimeout();
		if (!authTimeout.isZero()) {
			this.timeout = session.eventLoop()
				.schedule(this::timedOut, authTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Tells whether the session has authenticated, so its frames go straight to the dispatcher.
	 * @return {@code true} once authenticated
	 */
	boolean isOpen() {
		return this.authenticated;
	}

	/**
	 * Takes a frame of a session that has not authenticated yet.
	 * @param frame the frame; the caller releases it after this returns
	 */
	void receive(ByteBuf frame) {
		if (this.deciding) {
			this.waiting.add(frame.retain());
			return;
		}
		decide(frame);
	}

	private void decide(ByteBuf frame) {
		if (this.session.closeReason() != null) {
			return;
		}
		if (this.authenticated) {
			this.dispatch.accept(frame);
			return;
		}
		AuthenticationResult result;
		try {
			result = Objects.requireNonNull(this.authenticator.authenticate(this.session, frame),
					"PacketAuthenticator returned null");
		}
		catch (RuntimeException ex) {
			fail(null, new PacketAuthenticationException("PacketAuthenticator failed", ex));
			return;
		}
		apply(result);
	}

	private void apply(AuthenticationResult result) {
		switch (result.outcome()) {
			case AUTHENTICATED -> succeed(Objects.requireNonNull(result.principal()));
			case REJECTED -> fail(result.reply(), new PacketAuthenticationException("Rejected by the PacketAuthenticator", null));
			case PENDING -> {
			}
			case DEFERRED -> defer(Objects.requireNonNull(result.deferredResult()));
		}
	}

	private void defer(CompletionStage<AuthenticationResult> stage) {
		this.deciding = true;
		// frames already decoded wait in the queue; no more are read until the decision
		this.session.channel().config().setAutoRead(false);
		stage.whenComplete((result, error) -> this.session.eventLoop().execute(() -> decided(result, error)));
	}

	private void decided(@Nullable AuthenticationResult result, @Nullable Throwable error) {
		this.deciding = false;
		if (this.session.closeReason() == null) {
			if (error != null || result == null) {
				fail(null, new PacketAuthenticationException("Deferred authentication failed", error));
			}
			else {
				apply(result);
			}
		}
		while (!this.deciding && !this.waiting.isEmpty()) {
			ByteBuf frame = this.waiting.poll();
			try {
				decide(frame);
			}
			finally {
				frame.release();
			}
		}
		if (!this.deciding && this.session.closeReason() == null) {
			this.session.channel().config().setAutoRead(true);
		}
	}

	private void succeed(Principal principal) {
		this.authenticated = true;
		cancelTimeout();
		this.session.authenticated(principal);
		this.services.statistics().sessionAuthenticated();
		this.services.listener().sessionAuthenticated(this.session, principal);
	}

	private void fail(@Nullable Object reply, PacketAuthenticationException cause) {
		cancelTimeout();
		if (reply != null) {
			this.session.send(reply);
		}
		if (this.session.close(CloseReason.UNAUTHENTICATED, cause)) {
			String message = "Closing session " + this.session.id() + " from " + this.session.remoteAddress()
					+ ": UNAUTHENTICATED (" + cause.getMessage() + ")";
			if (cause.getCause() != null) {
				// the authenticator (or its deferred work) failed: a bug or an outage, not a bad client
				logger.error(message, cause.getCause());
			}
			else {
				logger.warn(message);
			}
		}
	}

	private void timedOut() {
		this.timeout = null;
		if (!this.authenticated) {
			fail(null, new PacketAuthenticationException(
					"Not authenticated within packnet.session.auth-timeout=" + this.services.authTimeout(), null));
		}
	}

	private void cancelTimeout() {
		ScheduledFuture<?> timeout = this.timeout;
		if (timeout != null) {
			timeout.cancel(false);
			this.timeout = null;
		}
	}

	/** Releases waiting frames and stops the timeout; called when the session has closed. */
	void closed() {
		cancelTimeout();
		ByteBuf frame;
		while ((frame = this.waiting.poll()) != null) {
			frame.release();
		}
	}

}
