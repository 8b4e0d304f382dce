package io.packnet.handler;

/**
 * What an exception no {@link PacketExceptionHandler} handles does to the session
 * ({@code packnet.handler.on-error}). Either way it is logged with the session id and message type.
 */
public enum HandlerErrorPolicy {

	/** Log it; the session stays open. */
	LOG,

	/** Log it and close the session with {@code CloseReason.HANDLER_ERROR}. */
	CLOSE

}
