package io.packnet.handler.invocation;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One session's queue of frames for an off-loop executor: tasks run one at a time and in order,
 * while other sessions' inboxes run in parallel on the same executor. When more than
 * {@code maxQueued} tasks wait, the channel stops reading ({@code autoRead} off) until the queue
 * drains to half, so a slow handler cannot make the server buffer without bound.
 * <p>{@link #offer} is called by the session's event loop only.
 */
public final class SessionInbox implements Runnable {

	private static final Log logger = LogFactory.getLog(SessionInbox.class);

	/** Tasks run per turn before the inbox yields its thread to other sessions. */
	private static final int BATCH = 64;

	private final Queue<Task> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Executor executor;

	private final int highWater;

	private final int lowWater;

	private final @Nullable Channel channel;

	// event loop only
	private boolean paused;

	/**
	 * Creates an inbox.
	 * @param executor runs the inbox's turns
	 * @param maxQueued queued tasks above which reading pauses
	 * @param channel the channel to pause, or {@code null} for no back-pressure
	 */
	public SessionInbox(Executor executor, int maxQueued, @Nullable Channel channel) {
		if (maxQueued < 1) {
			throw new IllegalArgumentException("maxQueued must be positive but was " + maxQueued);
		}
		this.executor = Objects.requireNonNull(executor, "executor");
		this.highWater = maxQueued;
		this.lowWater = maxQueued / 2;
		this.channel = channel;
	}

	/**
	 * Queues a task and makes sure a turn is scheduled.
	 * @param task the task
	 */
	public void offer(Task task) {
		this.queue.add(task);
		int size = this.queued.incrementAndGet();
		Channel channel = this.channel;
		if (size >= this.highWater && channel != null && !this.paused) {
			this.paused = true;
			channel.config().setAutoRead(false);
		}
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				this.scheduled.set(false);
				logger.warn("Handler executor rejected a session's frames; discarding " + this.queued.get()
						+ " queued frames", ex);
				discardAll();
			}
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < BATCH; i++) {
				Task task = this.queue.poll();
				if (task == null) {
					break;
				}
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Queued frame task failed", ex);
				}
				finally {
					tookOne();
				}
			}
		}
		finally {
			this.scheduled.set(false);
			if (!this.queue.isEmpty()) {
				schedule();
			}
		}
	}

	private void tookOne() {
		int size = this.queued.decrementAndGet();
		Channel channel = this.channel;
		if (size == this.lowWater && channel != null) {
			channel.eventLoop().execute(this::resumeIfDrained);
		}
	}

	private void resumeIfDrained() {
		if (this.paused && this.queued.get() <= this.lowWater) {
			this.paused = false;
			Objects.requireNonNull(this.channel).config().setAutoRead(true);
		}
	}

	private void discardAll() {
		Task task;
		while ((task = this.queue.poll()) != null) {
			try {
				task.discard();
			}
			finally {
				tookOne();
			}
		}
	}

	/**
	 * Returns the number of tasks waiting or running.
	 * @return the queue length
	 */
	public int size() {
		return this.queued.get();
	}

	/**
	 * Work for one frame.
	 */
	public interface Task {

		/** Handles the frame and releases it. */
		void run();

		/** Releases the frame without handling it. */
		void discard();

	}

}
