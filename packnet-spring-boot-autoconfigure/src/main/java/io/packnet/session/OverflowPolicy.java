package io.packnet.session;

/**
 * What happens to a send when the session's queued outbound bytes would pass
 * {@code packnet.session.max-pending-bytes}.
 */
public enum OverflowPolicy {

	/** Close the session as {@link CloseReason#SLOW_CONSUMER}: the original library's behaviour. */
	CLOSE,

	/** Discard the new frame, count it, and keep the session open. */
	DROP

}
