package io.packnet.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.netty.buffer.Unpooled;
import io.packnet.cluster.ClusterStatistics.NotRelayedReason;
import io.packnet.cluster.ClusterStatus.State;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Publishes relay messages to Redis from one thread, in the order they were offered: callers (event
 * loops among them) only append to a queue bounded in bytes, and never wait for Redis. Messages
 * waiting together go out in one pipeline, on a connection this thread owns and discards after a
 * failure. Every heartbeat interval the thread publishes a heartbeat to its own node channel: the
 * answer (how many subscribers got it) proves Redis answers and this node's subscription is live.
 * While Redis is down, offers are refused at once (and counted), and the heartbeat retries.
 */
final class RelayPublisher {

	private static final Log logger = LogFactory.getLog(RelayPublisher.class);

	/** Most messages in one pipeline. */
	private static final int MAX_BATCH = 512;

	/** Wakes the thread up to stop; never published. */
	private static final Outbound WAKE_UP = new Outbound(new byte[0], new byte[0]);

	private final RedisConnectionFactory connectionFactory;

	private final ClusterStatistics statistics;

	private final long maxPendingBytes;

	private final long publishTimeoutNanos;

	private final long heartbeatNanos;

	private final String nodeChannel;

	private final Outbound heartbeat;

	private final String threadName;

	private final LongConsumer heartbeatListener;

	private final LinkedBlockingQueue<Outbound> queue = new LinkedBlockingQueue<>();

	private final AtomicLong pendingBytes = new AtomicLong();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	/** Why publishing fails, or {@code null}. */
	private volatile @Nullable String redisProblem;

	/** Why this node's subscription does not receive, or {@code null}. */
	private volatile @Nullable String subscriptionProblem;

	private volatile @Nullable Instant problemSince;

	private volatile boolean checked;

	/** {@code System.nanoTime()} (never 0) when the running call to Redis started; 0 while none runs. */
	private volatile long callStarted;

	/** The publisher thread's connection. */
	private @Nullable RedisConnection connection;

	/** Whether the connection supports pipelines (a Redis Cluster connection does not). */
	private boolean pipelining = true;

	/** The sequence of the last message published; publisher thread only. */
	private long sequence;

	/**
	 * Creates a publisher.
	 * @param heartbeatListener told, on the publisher thread, how many subscribers each answered
	 * heartbeat reached (1 when this node's subscription is live)
	 */
	RelayPublisher(RedisConnectionFactory connectionFactory, ClusterNode node, ClusterSettings settings,
			ClusterStatistics statistics, LongConsumer heartbeatListener) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.maxPendingBytes = settings.maxPendingBytes();
		this.publishTimeoutNanos = settings.publishTimeout().toNanos();
		this.heartbeatNanos = settings.heartbeatInterval().toNanos();
		this.nodeChannel = settings.nodeChannel(node.id());
		this.heartbeat = new Outbound(this.nodeChannel.getBytes(StandardCharsets.UTF_8), RelayMessage
			.encode(RelayMessage.Kind.HEARTBEAT, node, 0, null, Unpooled.EMPTY_BUFFER, 0));
		this.threadName = "packnet-cluster-relay-" + node.id();
		this.heartbeatListener = Objects.requireNonNull(heartbeatListener, "heartbeatListener");
	}

	/** Starts the publisher thread; its first act is a heartbeat. */
	synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::run, this.threadName);
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	/**
	 * Stops accepting messages, publishes those already queued (for at most the publish timeout, and
	 * only while Redis answers) and stops the thread.
	 */
	synchronized void stop() {
		Thread thread = this.thread;
		if (!this.running || thread == null) {
			return;
		}
		this.running = false;
		this.queue.add(WAKE_UP);
		try {
			thread.join(TimeUnit.NANOSECONDS.toMillis(this.publishTimeoutNanos) + 1000);
			if (thread.isAlive()) {
				thread.interrupt();
				thread.join(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	/**
	 * Queues a message for publishing; never blocks.
	 * @param channel the channel
	 * @param message the encoded relay message; its sequence is written when it is published
	 * @return {@code true} if queued; {@code false} if dropped (and counted) because the relay is
	 * stopped, Redis is down or too slow, or too many bytes are waiting
	 */
	boolean offer(byte[] channel, byte[] message) {
		if (!this.running || this.redisProblem != null || isStalled()) {
			this.statistics.countNotRelayed(NotRelayedReason.UNAVAILABLE, 1);
			return false;
		}
		long size = message.length;
		if (this.pendingBytes.addAndGet(size) > this.maxPendingBytes) {
			this.pendingBytes.addAndGet(-size);
			this.statistics.countNotRelayed(NotRelayedReason.QUEUE_FULL, 1);
			return false;
		}
		this.queue.add(new Outbound(channel, message));
		return true;
	}

	/** @return the bytes of messages waiting to be published */
	long pendingBytes() {
		return this.pendingBytes.get();
	}

	/** @return the state of publishing and of this node's subscription */
	ClusterStatus status() {
		if (!this.running) {
			return new ClusterStatus(State.STOPPED, null, null);
		}
		long started = this.callStarted;
		long elapsed = System.nanoTime() - started;
		if (started != 0 && elapsed > this.publishTimeoutNanos) {
			return new ClusterStatus(State.DOWN, "Redis has not answered for " + Duration.ofNanos(elapsed).toMillis()
					+ " ms (packnet.cluster.publish-timeout is " + Duration.ofNanos(this.publishTimeoutNanos).toMillis()
					+ " ms): broadcasts reach this server only", Instant.now().minusNanos(elapsed));
		}
		String problem = (this.redisProblem != null) ? this.redisProblem : this.subscriptionProblem;
		if (problem != null) {
			return new ClusterStatus(State.DOWN, problem, this.problemSince);
		}
		return new ClusterStatus(this.checked ? State.UP : State.STARTING, null, null);
	}

	private boolean isStalled() {
		long started = this.callStarted;
		return started != 0 && System.nanoTime() - started > this.publishTimeoutNanos;
	}

	private void run() {
		List<Outbound> batch = new ArrayList<>();
		long nextCheck = System.nanoTime();
		try {
			while (this.running) {
				long wait = nextCheck - System.nanoTime();
				if (wait <= 0) {
					check();
					nextCheck = System.nanoTime() + this.heartbeatNanos;
					continue;
				}
				Outbound first = this.queue.poll(wait, TimeUnit.NANOSECONDS);
				if (first != null && first != WAKE_UP) {
					batch.add(first);
					this.queue.drainTo(batch, MAX_BATCH - 1);
					if (!publish(batch)) {
						// a failure may be a blip: check again at once on a new connection, not a heartbeat later
						nextCheck = System.nanoTime();
					}
					batch.clear();
				}
			}
			// stopping: what was accepted goes out while Redis answers, for at most the publish timeout
			long deadline = System.nanoTime() + this.publishTimeoutNanos;
			while (this.redisProblem == null && System.nanoTime() - deadline < 0 && !this.queue.isEmpty()) {
				this.queue.drainTo(batch, MAX_BATCH);
				publish(batch);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | Error ex) {
			logger.error("Cluster relay publisher failed; broadcasts reach this server only from now on", ex);
			this.redisProblem = "the publisher thread failed: " + ex;
			throw ex;
		}
		finally {
			dropQueued();
			closeConnection();
		}
	}

	/** @return {@code false} if publishing failed */
	private boolean publish(List<Outbound> batch) {
		batch.removeIf((outbound) -> outbound == WAKE_UP);
		long bytes = 0;
		for (Outbound outbound : batch) {
			bytes += outbound.message.length;
		}
		this.pendingBytes.addAndGet(-bytes);
		if (batch.isEmpty()) {
			return true;
		}
		if (this.redisProblem != null) {
			this.statistics.countNotRelayed(NotRelayedReason.UNAVAILABLE, batch.size());
			return true;
		}
		for (Outbound outbound : batch) {
			RelayMessage.setSequence(outbound.message, ++this.sequence);
		}
		try {
			execute(batch);
			this.statistics.countRelayed(batch.size());
			return true;
		}
		catch (RuntimeException ex) {
			this.statistics.countNotRelayed(NotRelayedReason.PUBLISH_FAILED, batch.size());
			redisDown("publishing to Redis failed: " + describe(ex));
			return false;
		}
	}

	/** Publishes the heartbeat and judges Redis and this node's subscription by the answer. */
	private void check() {
		long receivers;
		try {
			List<Object> results = execute(List.of(this.heartbeat));
			receivers = (results.size() == 1 && results.get(0) instanceof Number number) ? number.longValue() : 1;
		}
		catch (RuntimeException ex) {
			redisDown("Redis cannot be reached: " + describe(ex));
			return;
		}
		try {
			this.heartbeatListener.accept(receivers);
		}
		catch (RuntimeException ex) {
			logger.error("Cluster relay heartbeat listener failed", ex);
		}
		if (receivers == 1) {
			up();
		}
		else if (receivers == 0) {
			subscriptionDown("this node is not subscribed to " + this.nodeChannel
					+ ": it receives nothing from the other servers until its subscription is back");
		}
		else {
			subscriptionDown(receivers + " servers subscribe to " + this.nodeChannel
					+ ": give each server its own packnet.cluster.node-id, or none (a Redis counter then assigns them)");
		}
	}

	/** Publishes messages in order, in one pipeline when the connection allows; discards the connection on failure. */
	private List<Object> execute(List<Outbound> messages) {
		this.callStarted = System.nanoTime() | 1;
		try {
			RedisConnection connection = connection();
			if (this.pipelining) {
				try {
					connection.openPipeline();
				}
				catch (UnsupportedOperationException | InvalidDataAccessApiUsageException ex) {
					this.pipelining = false;
				}
			}
			if (connection.isPipelined()) {
				for (Outbound outbound : messages) {
					connection.publish(outbound.channel, outbound.message);
				}
				return connection.closePipeline();
			}
			List<Object> results = new ArrayList<>(messages.size());
			for (Outbound outbound : messages) {
				results.add(Objects.requireNonNullElse(connection.publish(outbound.channel, outbound.message), 1L));
			}
			return results;
		}
		catch (RuntimeException ex) {
			closeConnection();
			throw ex;
		}
		finally {
			this.callStarted = 0;
		}
	}

	private RedisConnection connection() {
		RedisConnection connection = this.connection;
		if (connection == null) {
			connection = this.connectionFactory.getConnection();
			this.connection = connection;
		}
		return connection;
	}

	private void closeConnection() {
		RedisConnection connection = this.connection;
		this.connection = null;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the relay's Redis connection failed", ex);
			}
		}
	}

	private void redisDown(String reason) {
		if (this.redisProblem == null) {
			logger.warn("Cluster relay is down, broadcasts reach this server only until Redis answers again: " + reason);
			if (this.subscriptionProblem == null) {
				this.problemSince = Instant.now();
			}
		}
		this.redisProblem = reason;
		this.checked = true;
		dropQueued();
	}

	private void subscriptionDown(String reason) {
		if (this.redisProblem == null && this.subscriptionProblem == null) {
			this.problemSince = Instant.now();
		}
		if (!reason.equals(this.subscriptionProblem)) {
			logger.warn("Cluster relay: " + reason);
		}
		this.redisProblem = null;
		this.subscriptionProblem = reason;
		this.checked = true;
	}

	private void up() {
		if (this.redisProblem != null || this.subscriptionProblem != null) {
			logger.info("Cluster relay is up again: broadcasts reach the other servers");
		}
		this.redisProblem = null;
		this.subscriptionProblem = null;
		this.problemSince = null;
		this.checked = true;
	}

	/** Drops the queued messages, counting them as not relayed. */
	private void dropQueued() {
		List<Outbound> dropped = new ArrayList<>();
		this.queue.drainTo(dropped);
		dropped.removeIf((outbound) -> outbound == WAKE_UP);
		long bytes = 0;
		for (Outbound outbound : dropped) {
			bytes += outbound.message.length;
		}
		this.pendingBytes.addAndGet(-bytes);
		if (!dropped.isEmpty()) {
			this.statistics.countNotRelayed(NotRelayedReason.UNAVAILABLE, dropped.size());
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

	/** A message and its channel. */
	private record Outbound(byte[] channel, byte[] message) {
	}

}
