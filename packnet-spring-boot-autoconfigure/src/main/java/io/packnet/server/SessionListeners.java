package io.packnet.server;

import java.security.Principal;
import java.util.List;

import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls several listeners in order; one listener's exception is logged and does not stop the others.
 */
final class SessionListeners implements SessionListener {

	private static final Log logger = LogFactory.getLog(SessionListeners.class);

	private final List<SessionListener> listeners;

	SessionListeners(List<SessionListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void sessionStarted(Session session) {
		for (SessionListener listener : this.listeners) {
			try {
				listener.sessionStarted(session);
			}
			catch (RuntimeException ex) {
				logger.error("Session listener failed on start of " + session, ex);
			}
		}
	}

	@Override
	public void sessionAuthenticated(Session session, Principal principal) {
		for (SessionListener listener : this.listeners) {
			try {
				listener.sessionAuthenticated(session, principal);
			}
			catch (RuntimeException ex) {
				logger.error("Session listener failed on authentication of " + session, ex);
			}
		}
	}

	@Override
	public void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
		for (SessionListener listener : this.listeners) {
			try {
				listener.sessionClosed(session, reason, cause);
			}
			catch (RuntimeException ex) {
				logger.error("Session listener failed on close of " + session, ex);
			}
		}
	}

}
