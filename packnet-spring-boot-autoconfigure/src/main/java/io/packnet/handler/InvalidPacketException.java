package io.packnet.handler;

/**
 * A frame that cannot be routed, such as one shorter than the type field. Thrown by a
 * {@link PacketRouter}; the session is closed with {@code CloseReason.PROTOCOL_ERROR}.
 */
public class InvalidPacketException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the frame
	 */
	public InvalidPacketException(String message) {
		super(message);
	}

}
