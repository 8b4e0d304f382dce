package io.packnet.protocol;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A frame, received or about to be sent, is larger than the protocol's maximum frame size
 * ({@code packnet.protocol.max-frame-size}). Received: the session closes with
 * {@code CloseReason.FRAME_TOO_LARGE}. Sent: that send fails and the session stays open.
 */
public class FrameTooLargeException extends TooLongFrameException {

	private final long frameSize;

	private final int maxFrameSize;

	/**
	 * Creates an exception for a frame of {@code frameSize} bytes.
	 * @param frameSize the size the frame has, or claims to have (unsigned, may exceed a long's range
	 * as a negative value)
	 * @param maxFrameSize the maximum allowed
	 */
	public FrameTooLargeException(long frameSize, int maxFrameSize) {
		super("Frame of " + (frameSize < 0 ? Long.toUnsignedString(frameSize) : frameSize)
				+ " bytes exceeds the maximum frame size of " + maxFrameSize
				+ " bytes (packnet.protocol.max-frame-size)");
		this.frameSize = frameSize;
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * Returns the size of the frame, as sent or as claimed by its header.
	 * @return the frame size in bytes (unsigned)
	 */
	public long frameSize() {
		return this.frameSize;
	}

	/**
	 * Returns the maximum frame size in force.
	 * @return the maximum, in bytes
	 */
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

}
