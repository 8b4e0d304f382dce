package io.packnet.security;

import org.jspecify.annotations.Nullable;

/**
 * Why a session closed as {@code UNAUTHENTICATED}: rejected, timed out, or the authenticator failed.
 * Carried as the cause of the {@code SessionClosedEvent}.
 */
public class PacketAuthenticationException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what happened
	 * @param cause the authenticator's error, if any
	 */
	public PacketAuthenticationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
