package io.packnet.session;

/**
 * A send that would take a session's queued outbound bytes past
 * {@code packnet.session.max-pending-bytes}: the frame was dropped, or the session closed as a slow
 * consumer, per {@code packnet.session.overflow-policy}.
 */
public class SessionOverflowException extends IllegalStateException {

	/**
	 * Creates an exception.
	 * @param sessionId the session
	 * @param pending bytes already queued
	 * @param frameSize the frame that did not fit
	 * @param maxPendingBytes the limit
	 * @param policy what was done about it
	 */
	public SessionOverflowException(long sessionId, long pending, int frameSize, long maxPendingBytes,
			OverflowPolicy policy) {
		super("Session " + sessionId + " has " + pending + " bytes queued; a frame of " + frameSize
				+ " bytes would pass packnet.session.max-pending-bytes=" + maxPendingBytes + " ("
				+ ((policy == OverflowPolicy.DROP) ? "frame dropped" : "session closed as slow consumer") + ")");
	}

}
