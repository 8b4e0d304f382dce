package io.packnet.event;

import java.security.Principal;
import java.util.Objects;

import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the session lifecycle as {@link SessionStartedEvent}, {@link SessionAuthenticatedEvent}
 * and {@link SessionClosedEvent}.
 */
public final class SessionEventPublisher implements SessionListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Creates a publisher.
	 * @param publisher the application's event publisher
	 */
	public SessionEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = Objects.requireNonNull(publisher, "publisher");
	}

	@Override
	public void sessionStarted(Session session) {
		this.publisher.publishEvent(new SessionStartedEvent(session));
	}

	@Override
	public void sessionAuthenticated(Session session, Principal principal) {
		this.publisher.publishEvent(new SessionAuthenticatedEvent(session, principal));
	}

	@Override
	public void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
		this.publisher.publishEvent(new SessionClosedEvent(session, reason, cause));
	}

}
