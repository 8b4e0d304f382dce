package io.packnet.session;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Callbacks for the session lifecycle, each called at most once per session on its event loop. The
 * auto-configuration turns them into {@code SessionStartedEvent}, {@code SessionAuthenticatedEvent}
 * and {@code SessionClosedEvent}.
 */
public interface SessionListener {

	/**
	 * Called when a connection has become a session.
	 * @param session the new session
	 */
	default void sessionStarted(Session session) {
	}

	/**
	 * Called once when a {@code PacketAuthenticator} has accepted a session, before its next frame
	 * is dispatched.
	 * @param session the session
	 * @param principal who it authenticated as (also {@link Session#principal()})
	 */
	default void sessionAuthenticated(Session session, Principal principal) {
	}

	/**
	 * Called once when a session has closed, whatever closed it.
	 * @param session the session
	 * @param reason why it closed
	 * @param cause the error behind it, if any
	 */
	default void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
	}

}
