package io.packnet.session;

/**
 * A send on a session that is closed or closing.
 */
public class SessionClosedException extends IllegalStateException {

	/**
	 * Creates an exception.
	 * @param sessionId the session
	 */
	public SessionClosedException(long sessionId) {
		super("Session " + sessionId + " is closed");
	}

}
