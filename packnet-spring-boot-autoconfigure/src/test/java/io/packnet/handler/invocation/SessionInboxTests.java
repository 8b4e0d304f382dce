package io.packnet.handler.invocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SessionInbox}: serial, ordered execution per inbox, parallel across inboxes, and
 * back-pressure through {@code autoRead}.
 */
class SessionInboxTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void shouldRunTasksOfOneInboxInOrderAndNeverConcurrently() {
		SessionInbox inbox = new SessionInbox(this.executor, 10_000, null);
		List<Integer> seen = new CopyOnWriteArrayList<>();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		for (int i = 0; i < 2000; i++) {
			int n = i;
			inbox.offer(task(() -> {
				maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
				seen.add(n);
				running.decrementAndGet();
			}));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2000);
		assertThat(seen).isSorted();
		assertThat(maxRunning.get()).isEqualTo(1);
		assertThat(inbox.size()).isZero();
	}

	@Test
	void shouldRunDifferentInboxesInParallel() throws InterruptedException {
		CountDownLatch bothRunning = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < 2; i++) {
			new SessionInbox(this.executor, 10, null).offer(task(() -> {
				bothRunning.countDown();
				awaitLatch(release);
			}));
		}
		assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
		release.countDown();
	}

	@Test
	void shouldStopReadingAboveTheBoundAndResumeAtHalf() {
		EmbeddedChannel channel = new EmbeddedChannel();
		SessionInbox inbox = new SessionInbox(this.executor, 4, channel);
		CountDownLatch release = new CountDownLatch(1);
		List<Runnable> steps = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			steps.add(() -> awaitLatch(release));
		}
		for (int i = 0; i < 3; i++) {
			inbox.offer(task(steps.get(i)));
		}
		assertThat(channel.config().isAutoRead()).isTrue();
		inbox.offer(task(steps.get(3)));
		assertThat(channel.config().isAutoRead()).isFalse();
		release.countDown();
		// the embedded loop is not thread-safe: run its tasks only once the executor is done with it
		await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 0);
		channel.runPendingTasks();
		assertThat(channel.config().isAutoRead()).isTrue();
		channel.finishAndReleaseAll();
	}

	@Test
	void shouldDiscardQueuedTasksWhenTheExecutorRejects() {
		List<String> outcomes = new CopyOnWriteArrayList<>();
		SessionInbox inbox = new SessionInbox((command) -> {
			throw new RejectedExecutionException("shut down");
		}, 10, null);
		inbox.offer(new SessionInbox.Task() {
			@Override
			public void run() {
				outcomes.add("ran");
			}

			@Override
			public void discard() {
				outcomes.add("discarded");
			}
		});
		assertThat(outcomes).containsExactly("discarded");
		assertThat(inbox.size()).isZero();
	}

	private static SessionInbox.Task task(Runnable action) {
		return new SessionInbox.Task() {
			@Override
			public void run() {
				action.run();
			}

			@Override
			public void discard() {
			}
		};
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
