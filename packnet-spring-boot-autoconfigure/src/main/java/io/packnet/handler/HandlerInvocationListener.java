package io.packnet.handler;

import io.packnet.session.Session;
import org.jspecify.annotations.Nullable;

/**
 * Observes handler invocations: after the fact for per-route timings and error counts
 * ({@link Recorder}), or around them for tracing ({@link Interceptor}). Asked once per
 * {@link PacketMapping @PacketMapping} method at startup, so per-frame recording involves no
 * look-up; methods without a recorder or interceptor are not observed at all.
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
	 * Returns what surrounds each invocation of one handler method, such as a Micrometer
	 * {@code Observation} that a tracing bridge turns into a span.
	 * @param method the handler method
	 * @return its interceptor, or {@code null} (the default) to not intercept it
	 */
	default @Nullable Interceptor interceptorFor(PacketHandlerMethod method) {
		return null;
	}

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

	/**
	 * Surrounds the invocations of one handler method.
	 */
	@FunctionalInterface
	interface Interceptor {

		/**
		 * Starts an invocation, on the thread about to run the handler method.
		 * @param session the session the frame arrived on
		 * @param type the message type
		 * @return the invocation, told when the method returned and when the invocation finished
		 */
		Invocation begin(Session session, int type);

	}

	/**
	 * One invocation in progress.
	 */
	interface Invocation {

		/**
		 * Called on the invoking thread once the handler method returned, including a synchronous
		 * reply and exception handlers, and before {@link #end}: release thread-bound state here
		 * (an observation's scope).
		 */
		void detach();

		/**
		 * Called once when the invocation finished, on the thread that finished it: after a
		 * {@code CompletionStage} return value completed and was replied, as for {@link Recorder}.
		 * @param failure what the handler threw, handled or not; {@code null} if it succeeded
		 */
		void end(@Nullable Throwable failure);

	}

}
