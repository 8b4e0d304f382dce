package io.packnet.client;

import org.jspecify.annotations.Nullable;

/**
 * A client could not connect.
 */
public class PacketClientException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying error, if any
	 */
	public PacketClientException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
