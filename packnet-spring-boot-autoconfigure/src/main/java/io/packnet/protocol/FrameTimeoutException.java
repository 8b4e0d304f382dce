package io.packnet.protocol;

import java.time.Duration;

import io.netty.handler.codec.DecoderException;

/**
 * A frame was started but not completed within {@code packnet.session.frame-timeout}: the peer
 * trickles bytes (a slowloris) or stalled mid-frame. The session closes with
 * {@code CloseReason.FRAME_TIMEOUT}.
 */
public class FrameTimeoutException extends DecoderException {

	private final int bufferedBytes;

	/**
	 * Creates an exception.
	 * @param timeout the timeout in force
	 * @param bufferedBytes the bytes of the incomplete frame received so far
	 */
	public FrameTimeoutException(Duration timeout, int bufferedBytes) {
		super("Frame not completed within packnet.session.frame-timeout=" + timeout + " (" + bufferedBytes
				+ " bytes of it received)");
		this.bufferedBytes = bufferedBytes;
	}

	/**
	 * Returns how much of the incomplete frame had arrived.
	 * @return the buffered bytes
	 */
	public int bufferedBytes() {
		return this.bufferedBytes;
	}

}
