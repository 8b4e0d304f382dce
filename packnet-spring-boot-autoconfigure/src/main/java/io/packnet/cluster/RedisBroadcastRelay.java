package io.packnet.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.packnet.broadcast.BroadcastRelay;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A {@link BroadcastRelay} over Redis pub/sub. Every node subscribes to the cluster's broadcast
 * channel and to its own node channel. A group broadcast (or {@code broadcastAll}) is published
 * once to the broadcast channel with the encoded frame, the group, the origin node and the session
 * left out; every other node delivers it to its members, and the origin ignores its own. A send to
 * a session of another node (known by the node id in the session id's high bits) is published to
 * that node's channel.
 * <h2>Guarantees</h2>
 * <ul>
 * <li>Order: one thread publishes, in the order broadcasts and sends were made; Redis delivers a
 * connection's messages to each subscriber in that order, and the receiver hands them to its event
 * loops in that order. So frames from one broadcasting thread reach every member, on every node,
 * in order.</li>
 * <li>Exactly once while Redis is up: one message per broadcast, delivered once per other node; a
 * message the Redis client publishes twice (a retry after a reconnect) is recognized by its
 * sequence number and dropped.</li>
 * <li>Redis down: nothing waits for it. Broadcasts reach this node's members as usual; relaying them
 * fails at once and is counted ({@link ClusterStatistics#notRelayed()}), {@link #status()} is
 * {@code DOWN} with the reason, and the relay recovers by itself when Redis answers again
 * (publishing at the next heartbeat, the subscription as the Redis client reconnects).</li>
 * </ul>
 * Relayed messages are delivered on the subscription's thread, which only hands frames to event loops.
 */
public final class RedisBroadcastRelay implements BroadcastRelay, SmartLifecycle {

	/** Starts before, and stops after, the packet server, so that its goodbye broadcasts are relayed. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Heartbeats in a row that reach no subscription before the relay subscribes anew. */
	private static final int RESUBSCRIBE_AFTER_HEARTBEATS = 2;

	private static final Log logger = LogFactory.getLog(RedisBroadcastRelay.class);

	private final RedisConnectionFactory connectionFactory;

	private final ClusterNode node;

	private final ClusterSettings settings;

	private final ClusterStatistics statistics;

	private final ByteBufAllocator allocator;

	private final RelayPublisher publisher;

	private final byte[] broadcastChannel;

	/** The last sequence received from each origin node's current run. */
	private final Map<Integer, OriginSequence> sequences = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private final AtomicBoolean resubscribing = new AtomicBoolean();

	private volatile @Nullable LocalDelivery delivery;

	private volatile boolean running;

	/** Guarded by lifecycleMonitor; {@code null} while not subscribed. */
	private @Nullable RedisMessageListenerContainer container;

	/** Runs (re)subscriptions, which may wait for Redis; exists while running. */
	private @Nullable ExecutorService subscriber;

	/** Heartbeats in a row that reached no subscription; publisher thread only. */
	private int unsubscribedHeartbeats;

	/**
	 * Creates a relay.
	 * @param connectionFactory the application's Redis connections
	 * @param node this server's node
	 * @param settings channels and limits
	 * @param statistics the counters to update
	 * @param allocator allocates the frames of relayed messages
	 */
	public RedisBroadcastRelay(RedisConnectionFactory connectionFactory, ClusterNode node, ClusterSettings settings,
			ClusterStatistics statistics, ByteBufAllocator allocator) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
		this.node = Objects.requireNonNull(node, "node");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.allocator = Objects.requireNonNull(allocator, "allocator");
		this.publisher = new RelayPublisher(connectionFactory, node, settings, statistics, this::heartbeatAnswered);
		this.broadcastChannel = settings.broadcastChannel().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void bind(LocalDelivery delivery) {
		this.delivery = Objects.requireNonNull(delivery, "delivery");
	}

	@Override
	public boolean isActive() {
		return true;
	}

	@Override
	public void relayBroadcast(@Nullable String group, ByteBuf frame, int payloadSize, long except) {
		RelayMessage.Kind kind = (group != null) ? RelayMessage.Kind.GROUP : RelayMessage.Kind.ALL;
		this.publisher.offer(this.broadcastChannel, RelayMessage.encode(kind, this.node, except, group, frame,
				payloadSize));
	}

	@Override
	public boolean isRemote(long sessionId) {
		int owner = ClusterNode.nodeOf(sessionId);
		return owner != this.node.id() && owner >= 1 && owner <= ClusterNode.MAX_NODE_ID;
	}

	@Override
	public boolean relaySend(long sessionId, ByteBuf frame, int payloadSize) {
		byte[] channel = this.settings.nodeChannel(ClusterNode.nodeOf(sessionId)).getBytes(StandardCharsets.UTF_8);
		return this.publisher.offer(channel,
				RelayMessage.encode(RelayMessage.Kind.SESSION, this.node, sessionId, null, frame, payloadSize));
	}

	/** @return this server's node */
	public ClusterNode node() {
		return this.node;
	}

	/** @return the channel names and limits */
	public ClusterSettings settings() {
		return this.settings;
	}

	/** @return the relay's counters */
	public ClusterStatistics statistics() {
		return this.statistics;
	}

	/** @return the bytes of broadcasts and sends waiting to be published */
	public long pendingBytes() {
		return this.publisher.pendingBytes();
	}

	/** @return whether publishing works and this node's subscription receives, and if not, why */
	public ClusterStatus status() {
		return this.publisher.status();
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.subscriber = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "packnet-cluster-subscriber-" + this.node.id());
				thread.setDaemon(true);
				return thread;
			});
			subscribe();
		}
		this.publisher.start();
		logger.info("Cluster relay started: node " + this.node.id() + " (" + this.node.source().name().toLowerCase()
				+ "), channels " + this.settings.broadcastChannel() + " and " + this.settings.nodeChannel(this.node.id()));
	}

	@Override
	public void stop() {
		ExecutorService subscriber;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			subscriber = this.subscriber;
			this.subscriber = null;
		}
		// after the packet server: its goodbye broadcasts are still relayed
		this.publisher.stop();
		if (subscriber != null) {
			subscriber.shutdownNow();
			try {
				subscriber.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.lifecycleMonitor) {
			unsubscribe();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Judges this node's subscription by a heartbeat's answer. Redis answered, so a subscription that
	 * missed two heartbeats in a row (it failed at startup, or its client is still waiting out a
	 * reconnect back-off) is replaced, off the publisher thread.
	 */
	private void heartbeatAnswered(long receivers) {
		if (receivers != 0) {
			this.unsubscribedHeartbeats = 0;
			return;
		}
		if (++this.unsubscribedHeartbeats < RESUBSCRIBE_AFTER_HEARTBEATS || !this.resubscribing.compareAndSet(false, true)) {
			return;
		}
		this.unsubscribedHeartbeats = 0;
		try {
			synchronized (this.lifecycleMonitor) {
				ExecutorService subscriber = this.subscriber;
				if (subscriber == null) {
					this.resubscribing.set(false);
					return;
				}
				subscriber.execute(() -> {
					try {
						synchronized (this.lifecycleMonitor) {
							if (this.running) {
								logger.info("Cluster relay: subscribing to Redis again");
								subscribe();
							}
						}
					}
					finally {
						this.resubscribing.set(false);
					}
				});
			}
		}
		catch (RuntimeException ex) {
			this.resubscribing.set(false);
		}
	}

	/** Replaces the subscription with a new one; holds lifecycleMonitor. */
	private void subscribe() {
		unsubscribe();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connectionFactory);
		// in order: messages are handled on the subscription's thread, which only hands frames to event loops
		container.setTaskExecutor(new SyncTaskExecutor());
		container.setRecoveryInterval(this.settings.heartbeatInterval().toMillis());
		container.setBeanName("packnetClusterListenerContainer-" + this.node.id());
		container.addMessageListener(new Receiver(), List.of(new ChannelTopic(this.settings.broadcastChannel()),
				new ChannelTopic(this.settings.nodeChannel(this.node.id()))));
		container.afterPropertiesSet();
		try {
			container.start();
			this.container = container;
		}
		catch (RuntimeException ex) {
			// Redis is down: the heartbeat reports it, and subscribes again once Redis answers
			logger.warn("Cluster relay could not subscribe to Redis: " + ex.getMessage());
			destroy(container);
		}
	}

	/** Ends the subscription, if any; holds lifecycleMonitor. */
	private void unsubscribe() {
		RedisMessageListenerContainer container = this.container;
		this.container = null;
		if (container != null) {
			destroy(container);
		}
	}

	private static void destroy(RedisMessageListenerContainer container) {
		try {
			container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Closing the cluster relay's subscription failed", ex);
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Delivers messages from the other nodes. */
	private final class Receiver implements MessageListener {

		@Override
		public void onMessage(Message message, byte @Nullable [] pattern) {
			RelayMessage relayed;
			try {
				relayed = RelayMessage.decode(message.getBody());
			}
			catch (IllegalArgumentException ex) {
				RedisBroadcastRelay.this.statistics.countMalformed();
				if (logger.isDebugEnabled()) {
					logger.debug("Dropped a message on " + new String(message.getChannel(), StandardCharsets.UTF_8)
							+ " that is not a packnet relay message: " + ex.getMessage());
				}
				return;
			}
			if (relayed.kind == RelayMessage.Kind.HEARTBEAT || isOwn(relayed)) {
				return;
			}
			if (!isNew(relayed)) {
				RedisBroadcastRelay.this.statistics.countDuplicate();
				return;
			}
			LocalDelivery delivery = RedisBroadcastRelay.this.delivery;
			if (delivery == null) {
				return;
			}
			RedisBroadcastRelay.this.statistics.countReceived();
			ByteBuf frame = RedisBroadcastRelay.this.allocator.ioBuffer(relayed.frameLength())
				.writeBytes(relayed.bytes, relayed.frameOffset, relayed.frameLength());
			try {
				switch (relayed.kind) {
					case GROUP -> delivery.deliverToGroup(Objects.requireNonNull(relayed.group), frame,
							relayed.payloadSize, relayed.target);
					case ALL -> delivery.deliverToAll(frame, relayed.payloadSize, relayed.target);
					case SESSION -> delivery.deliverToSession(relayed.target, frame, relayed.payloadSize);
					default -> frame.release();
				}
			}
			catch (RuntimeException ex) {
				logger.error("Delivering a relayed " + relayed.kind + " message from node " + relayed.originNode
						+ " failed", ex);
			}
		}

		private boolean isOwn(RelayMessage relayed) {
			return relayed.originNode == RedisBroadcastRelay.this.node.id()
					&& relayed.originInstance == RedisBroadcastRelay.this.node.instance();
		}

		/** Tells a first delivery from a repeated one: an origin's sequence only grows within its run. */
		private boolean isNew(RelayMessage relayed) {
			OriginSequence last = RedisBroadcastRelay.this.sequences.computeIfAbsent(relayed.originNode,
					(key) -> new OriginSequence());
			synchronized (last) {
				if (last.instance != relayed.originInstance || relayed.sequence > last.sequence) {
					last.instance = relayed.originInstance;
					last.sequence = relayed.sequence;
					return true;
				}
				return false;
			}
		}

	}

	/** The run and last sequence seen from one origin node. */
	private static final class OriginSequence {

		int instance;

		long sequence = Long.MIN_VALUE;

	}

}
