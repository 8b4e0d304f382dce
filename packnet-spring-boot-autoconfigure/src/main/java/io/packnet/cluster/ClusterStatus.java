package io.packnet.cluster;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of the Redis relay at one moment, for health reports.
 * @param state the state
 * @param reason why it is not {@code UP}, or {@code null}
 * @param since when the current problem started, or {@code null}
 */
public record ClusterStatus(State state, @Nullable String reason, @Nullable Instant since) {

	/** The relay's states. */
	public enum State {

		/** Started, Redis not yet checked. */
		STARTING,

		/** Publishing to Redis works and this node's subscription receives. */
		UP,

		/** Redis cannot be reached or does not answer in time, or this node's subscription is not active. */
		DOWN,

		/** Stopped with the application. */
		STOPPED

	}

}
