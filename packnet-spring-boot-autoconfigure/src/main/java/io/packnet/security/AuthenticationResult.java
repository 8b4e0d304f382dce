package io.packnet.security;

import java.security.Principal;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link PacketAuthenticator} decided about a frame.
 */
public final class AuthenticationResult {

	/** The kinds of outcome. */
	public enum Outcome {

		/** The session is authenticated; its next frames go to the handlers. */
		AUTHENTICATED,

		/** The session is refused and closes as {@code UNAUTHENTICATED}, after an optional reply. */
		REJECTED,

		/** No decision yet: the next frame goes to the authenticator too. */
		PENDING,

		/** The decision comes later, from a stage; reading pauses meanwhile. */
		DEFERRED

	}

	private static final AuthenticationResult PENDING = new AuthenticationResult(Outcome.PENDING, null, null, null);

	private static final AuthenticationResult REJECTED = new AuthenticationResult(Outcome.REJECTED, null, null, null);

	private final Outcome outcome;

	private final @Nullable Principal principal;

	private final @Nullable Object reply;

	private final @Nullable CompletionStage<AuthenticationResult> deferred;

	private AuthenticationResult(Outcome outcome, @Nullable Principal principal, @Nullable Object reply,
			@Nullable CompletionStage<AuthenticationResult> deferred) {
		this.outcome = outcome;
		this.principal = principal;
		this.reply = reply;
		this.deferred = deferred;
	}

	/**
	 * Accepts the session as {@code principal}, which {@code Session.principal()} then returns.
	 * @param principal who the session is
	 * @return the result
	 */
	public static AuthenticationResult authenticated(Principal principal) {
		return new AuthenticationResult(Outcome.AUTHENTICATED, Objects.requireNonNull(principal, "principal"), null,
				null);
	}

	/**
	 * Refuses the session without a reply.
	 * @return the result
	 */
	public static AuthenticationResult rejected() {
		return REJECTED;
	}

	/**
	 * Refuses the session after sending {@code reply} (anything {@code Session.send} accepts).
	 * @param reply the last frame the client gets
	 * @return the result
	 */
	public static AuthenticationResult rejected(Object reply) {
		return new AuthenticationResult(Outcome.REJECTED, null, Objects.requireNonNull(reply, "reply"), null);
	}

	/**
	 * Asks for the next frame: the credentials span several frames, or a challenge was sent.
	 * @return the result
	 */
	public static AuthenticationResult pending() {
		return PENDING;
	}

	/**
	 * Decides later, when {@code result} completes (on any thread). Meanwhile the session stops
	 * reading, and frames already received wait; a failed stage rejects the session.
	 * @param result the coming decision
	 * @return the result
	 */
	public static AuthenticationResult deferred(CompletionStage<AuthenticationResult> result) {
		return new AuthenticationResult(Outcome.DEFERRED, null, null, Objects.requireNonNull(result, "result"));
	}

	/** @return the kind of outcome */
	public Outcome outcome() {
		return this.outcome;
	}

	/** @return the principal of an {@link Outcome#AUTHENTICATED} result, else {@code null} */
	public @Nullable Principal principal() {
		return this.principal;
	}

	/** @return the reply of a {@link Outcome#REJECTED} result, if any */
	public @Nullable Object reply() {
		return this.reply;
	}

	/** @return the stage of a {@link Outcome#DEFERRED} result, else {@code null} */
	public @Nullable CompletionStage<AuthenticationResult> deferredResult() {
		return this.deferred;
	}

	@Override
	public String toString() {
		return "AuthenticationResult[" + this.outcome + ((this.principal != null) ? ", " + this.principal.getName() : "")
				+ "]";
	}

}
