package io.packnet.session;

import org.jspecify.annotations.Nullable;

/**
 * Callbacks for the session lifecycle, each called once per session on its event loop. The
 * auto-configuration turns them into {@code SessionStartedEvent} and {@code SessionClosedEvent}.
 */
public interface SessionListener {

	/**
	 * Called when a connection has become a session.
	 * @param session the new session
	 */
	default void sessionStarted(Session session) {
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
