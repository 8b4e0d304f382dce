package io.packnet.event;

import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Published exactly once when a session has closed, whatever closed it (the original
 * {@code OnSessionClose}). The session is already removed from the registry and its groups.
 * Listeners run on the session's event loop: do not block.
 */
public class SessionClosedEvent extends ApplicationEvent {

	private final CloseReason reason;

	private final @Nullable Throwable cause;

	/**
	 * Creates an event.
	 * @param session the closed session
	 * @param reason why it closed
	 * @param cause the error behind it, if any
	 */
	public SessionClosedEvent(Session session, CloseReason reason, @Nullable Throwable cause) {
		super(session);
		this.reason = reason;
		this.cause = cause;
	}

	/**
	 * Returns the closed session.
	 * @return the session
	 */
	public Session session() {
		return (Session) getSource();
	}

	/**
	 * Returns why the session closed.
	 * @return the reason
	 */
	public CloseReason reason() {
		return this.reason;
	}

	/**
	 * Returns the error that closed the session.
	 * @return the cause, or {@code null}
	 */
	public @Nullable Throwable cause() {
		return this.cause;
	}

	@Override
	public String toString() {
		return "SessionClosedEvent[session=" + session().id() + ", reason=" + this.reason + "]";
	}

}
