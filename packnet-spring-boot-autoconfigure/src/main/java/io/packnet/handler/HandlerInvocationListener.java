package io.packnet.handler;

import org.jspecify.annotations.Nullable;

/**
 * Observes handler invocations, for per-route timings and error counts. Asked once per
 * {@link PacketMapping @PacketMapping} method at startup, so per-frame recording involves no
 * look-up; methods without a recorder are not timed at all.
 */
@FunctionalInterface
public interface HandlerInvocationListener {

	/**
	 * Returns the recorder for one handler method.
	 * @param method the handler method
	 * @return its recorder, or {@code null} to not observe it
	 */
	@Nullable Recorder recorderFor(PacketHandlerMethod method);

	/**
	 * Receives each invocation of one handler method, on the thread that finished it.
	 */
	@FunctionalInterface
	interface Recorder {

		/**
		 * Records an invocation, including return value handling (a {@code CompletionStage}
		 * counts until it completes) and exception handlers.
		 * @param type the message type
		 * @param durationNanos how long it took
		 * @param failure what the handler threw, handled or not; {@code null} if it succeeded
		 */
		void record(int type, long durationNanos, @Nullable Throwable failure);

	}

}
