package io.packnet.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Completes when every participant of a run has finished, or fails on the first problem any of them
 * reports. Thread-safe: participants report from their event loops.
 */
final class RunOutcome {

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private final AtomicInteger unfinished;

	RunOutcome(int participants) {
		this.unfinished = new AtomicInteger(participants);
		if (participants == 0) {
			done.complete(null);
		}
	}

	void participantFinished() {
		if (unfinished.decrementAndGet() == 0) {
			done.complete(null);
		}
	}

	/** Records a failure; only the first one is reported. */
	void fail(String problem) {
		done.completeExceptionally(new LoadFailedException(problem));
	}

	boolean failed() {
		return done.isCompletedExceptionally();
	}

	/** Whether the run has finished or failed; connections closing after that are expected. */
	boolean isDone() {
		return done.isDone();
	}

	/**
	 * Waits for the outcome.
	 * @param timeout how long to wait
	 * @param onTimeout describes what was still missing when the time ran out
	 * @throws LoadFailedException on the first reported problem or on timeout
	 */
	void await(Duration timeout, Supplier<String> onTimeout) throws InterruptedException {
		try {
			done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof LoadFailedException failure) ? failure
					: new LoadFailedException(String.valueOf(cause), cause);
		}
		catch (TimeoutException ex) {
			throw new LoadFailedException("Run did not finish within " + timeout + ": " + onTimeout.get());
		}
	}

}
