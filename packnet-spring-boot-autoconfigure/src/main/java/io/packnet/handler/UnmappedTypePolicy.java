package io.packnet.handler;

/**
 * What a frame whose message type no method maps (and no default route takes) does
 * ({@code packnet.routing.unmapped}).
 */
public enum UnmappedTypePolicy {

	/** Drop the frame and count it. */
	IGNORE,

	/** Close the session with {@code CloseReason.UNMAPPED_TYPE}. */
	CLOSE

}
