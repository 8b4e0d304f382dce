package io.packnet.codec;

/**
 * A payload could not be decoded into, or encoded from, an object.
 */
public class PayloadCodecException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param cause the codec's own exception, if any
	 */
	public PayloadCodecException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 */
	public PayloadCodecException(String message) {
		super(message);
	}

}
