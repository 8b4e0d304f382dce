package io.packnet.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-session outbound limits.
 *
 * @param maxFrameSize the largest payload a send may carry
 * @param maxPendingBytes outbound bytes that may be queued for one session
 * @param overflowPolicy what a send past {@code maxPendingBytes} does
 * @param closeTimeout how long a graceful close may spend flushing before the connection is cut
 */
public record SessionSettings(int maxFrameSize, long maxPendingBytes, OverflowPolicy overflowPolicy,
		Duration closeTimeout) {

	/**
	 * Validates the settings.
	 * @param maxFrameSize the largest payload a send may carry
	 * @param maxPendingBytes outbound bytes that may be queued for one session
	 * @param overflowPolicy what a send past {@code maxPendingBytes} does
	 * @param closeTimeout how long a graceful close may spend flushing
	 */
	public SessionSettings {
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be positive");
		}
		if (maxPendingBytes < 1) {
			throw new IllegalArgumentException("maxPendingBytes must be positive");
		}
		Objects.requireNonNull(overflowPolicy, "overflowPolicy");
		Objects.requireNonNull(closeTimeout, "closeTimeout");
	}

}
