package io.packnet.session;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open sessions, by id. Sessions add themselves when they start and remove themselves when
 * they close.
 */
public final class SessionRegistry {

	private final ConcurrentMap<Long, Session> sessions = new ConcurrentHashMap<>();

	private final AtomicLong nextId = new AtomicLong();

	private final long idBase;

	/** Creates a registry whose ids start at 1. */
	public SessionRegistry() {
		this(0);
	}

	/**
	 * Creates a registry whose ids are {@code idBase + n}; a cluster puts a node id in the high bits.
	 * @param idBase the value added to every id
	 */
	public SessionRegistry(long idBase) {
		this.idBase = idBase;
	}

	/**
	 * Returns a new session id.
	 * @return the id
	 */
	public long nextId() {
		return this.idBase + this.nextId.incrementAndGet();
	}

	/**
	 * Adds a session.
	 * @param session the session
	 */
	public void add(Session session) {
		this.sessions.put(session.id(), session);
	}

	/**
	 * Removes a session.
	 * @param session the session
	 */
	public void remove(Session session) {
		this.sessions.remove(session.id(), session);
	}

	/**
	 * Finds an open session.
	 * @param id the session id
	 * @return the session, if open
	 */
	public Optional<Session> find(long id) {
		return Optional.ofNullable(this.sessions.get(id));
	}

	/**
	 * Returns the number of open sessions.
	 * @return the count
	 */
	public int size() {
		return this.sessions.size();
	}

	/**
	 * Returns a live, unmodifiable view of the open sessions.
	 * @return the sessions
	 */
	public Collection<Session> sessions() {
		return Collections.unmodifiableCollection(this.sessions.values());
	}

}
