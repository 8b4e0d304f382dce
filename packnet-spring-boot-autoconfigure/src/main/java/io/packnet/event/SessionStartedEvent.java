package io.packnet.event;

import io.packnet.session.Session;
import org.springframework.context.ApplicationEvent;

/**
 * Published once when a connection has become a session (the original {@code OnSessionStart}).
 * Listeners run on the session's event loop: do not block.
 */
public class SessionStartedEvent extends ApplicationEvent {

	/**
	 * Creates an event.
	 * @param session the new session
	 */
	public SessionStartedEvent(Session session) {
		super(session);
	}

	/**
	 * Returns the new session.
	 * @return the session
	 */
	public Session session() {
		return (Session) getSource();
	}

}
