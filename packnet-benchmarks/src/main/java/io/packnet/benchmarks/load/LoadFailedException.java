package io.packnet.benchmarks.load;

/**
 * A load run failed: a frame was lost, reordered, duplicated or corrupted, a connection dropped, or the
 * run did not finish in time. The message names the connection and the sequence number.
 */
public class LoadFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public LoadFailedException(String message) {
		super(message);
	}

	public LoadFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
