package io.packnet.session;

/**
 * Why a session ended; carried by {@code SessionClosedEvent}.
 */
public enum CloseReason {

	/** The peer closed the connection, or it was reset. */
	PEER_CLOSED,

	/** Nothing was received for {@code packnet.session.idle-timeout}. */
	IDLE_TIMEOUT,

	/** A frame was started but not completed within {@code packnet.session.frame-timeout} (a slowloris). */
	FRAME_TIMEOUT,

	/** A frame's header claimed more than {@code packnet.protocol.max-frame-size}. */
	FRAME_TOO_LARGE,

	/** The bytes received could not be framed (corrupt header, malformed length). */
	PROTOCOL_ERROR,

	/** Outbound bytes queued for the session passed {@code packnet.session.max-pending-bytes}. */
	SLOW_CONSUMER,

	/** A frame arrived with a message type no handler maps and {@code packnet.routing.unmapped=close}. */
	UNMAPPED_TYPE,

	/** A handler threw and {@code packnet.handler.on-error=close}. */
	HANDLER_ERROR,

	/** The session did not authenticate within {@code packnet.session.auth-timeout}, or was rejected. */
	UNAUTHENTICATED,

	/** The TLS handshake failed. */
	TLS_HANDSHAKE_FAILED,

	/** The server is shutting down. */
	SERVER_SHUTDOWN,

	/** The application called {@link Session#close()}. */
	CLOSED_BY_APPLICATION,

	/** An unexpected error in packnet or the transport. */
	INTERNAL_ERROR

}
