package io.packnet.sample.chat;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.packnet.session.Session;
import org.springframework.stereotype.Component;

/**
 * Who is logged in: user name to session id.
 */
@Component
class Users {

	private final ConcurrentMap<String, Long> sessionIds = new ConcurrentHashMap<>();

	boolean register(String name, Session session) {
		return this.sessionIds.putIfAbsent(name, session.id()) == null;
	}

	Optional<Long> find(String name) {
		return Optional.ofNullable(this.sessionIds.get(name));
	}

	void remove(String name, Session session) {
		this.sessionIds.remove(name, session.id());
	}

}
