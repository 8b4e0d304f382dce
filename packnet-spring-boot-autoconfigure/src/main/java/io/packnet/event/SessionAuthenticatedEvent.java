package io.packnet.event;

import java.security.Principal;
import java.util.Objects;

import io.packnet.session.Session;
import org.springframework.context.ApplicationEvent;

/**
 * Published once when a {@code PacketAuthenticator} has accepted a session, before its next frame
 * reaches a handler. Listeners run on the session's event loop: do not block.
 */
public class SessionAuthenticatedEvent extends ApplicationEvent {

	private final Principal principal;

	/**
	 * Creates an event.
	 * @param session the session
	 * @param principal who it authenticated as
	 */
	public SessionAuthenticatedEvent(Session session, Principal principal) {
		super(session);
		this.principal = Objects.requireNonNull(principal, "principal");
	}

	/**
	 * Returns the authenticated session.
	 * @return the session
	 */
	public Session session() {
		return (Session) getSource();
	}

	/**
	 * Returns who the session authenticated as.
	 * @return the principal
	 */
	public Principal principal() {
		return this.principal;
	}

}
