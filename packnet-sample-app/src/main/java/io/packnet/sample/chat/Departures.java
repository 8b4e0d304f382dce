package io.packnet.sample.chat;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.event.SessionClosedEvent;
import io.packnet.event.SessionStartedEvent;
import io.packnet.sample.chat.ChatMessages.Notice;
import io.packnet.session.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Session events: logs arrivals, and tells the rooms a session was in that it left, and why. The
 * session has already left its groups when the event arrives, so its rooms come from its attributes.
 */
@Component
class Departures {

	private static final Log logger = LogFactory.getLog(Departures.class);

	private final BroadcastTemplate broadcast;

	private final Users users;

	Departures(BroadcastTemplate broadcast, Users users) {
		this.broadcast = broadcast;
		this.users = users;
	}

	@EventListener
	void on(SessionStartedEvent event) {
		logger.info("Session " + event.session().id() + " connected from " + event.session().remoteAddress());
	}

	@EventListener
	void on(SessionClosedEvent event) {
		Session session = event.session();
		String name = session.attribute(ChatHandler.NAME, String.class);
		logger.info("Session " + session.id() + " (" + name + ") closed: " + event.reason());
		if (name == null) {
			return;
		}
		this.users.remove(name, session);
		for (String room : ChatHandler.roomsOf(session)) {
			this.broadcast.broadcast(room, ChatMessages.NOTICE,
					new Notice(room, name + " left (" + event.reason().name().toLowerCase() + ")"));
		}
	}

}
