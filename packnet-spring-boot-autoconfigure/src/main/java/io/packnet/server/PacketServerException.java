package io.packnet.server;

/**
 * The packet server could not start.
 */
public class PacketServerException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying error
	 */
	public PacketServerException(String message, Throwable cause) {
		super(message, cause);
	}

}
