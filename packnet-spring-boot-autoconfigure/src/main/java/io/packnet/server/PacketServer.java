package io.packnet.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.security.PacketAuthenticator;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Netty TCP server that turns connections into packet sessions. Built paused; {@link #start()}
 * binds it, {@link #stop()} drains and closes it.
 */
public final class PacketServer {

	private static final Log logger = LogFactory.getLog(PacketServer.class);

	/** The server's lifecycle state, as the health contributor reports it. */
	public enum State {

		/** Created, not started. */
		NEW,

		/** Bound and accepting connections. */
		RUNNING,

		/** No longer accepting; closing sessions. */
		DRAINING,

		/** Stopped. */
		STOPPED,

		/** The listening socket closed unexpectedly or could not bind. */
		FAILED

	}

	private final ServerOptions options;

	private final PacketProtocol protocol;

	private final SessionRegistry registry;

	private final PacknetStatistics statistics;

	private final PacketServerInitializer initializer;

	private final ChannelGroup channels = new DefaultChannelGroup("packnet", GlobalEventExecutor.INSTANCE);

	private volatile boolean stopping;

	private volatile State state = State.NEW;

	private @Nullable ResolvedTransport transport;

	private @Nullable EventLoopGroup bossGroup;

	private @Nullable EventLoopGroup workerGroup;

	private @Nullable Channel serverChannel;

	private volatile int port = -1;

	/**
	 * Creates a paused server.
	 * @param options the server settings
	 * @param protocol the framing
	 * @param dispatcher receives every inbound frame
	 * @param registry tracks open sessions
	 * @param encoder turns outbound messages into payloads
	 * @param listeners told when sessions start and close
	 * @param statistics counters
	 */
	public PacketServer(ServerOptions options, PacketProtocol protocol, PacketDispatcher dispatcher,
			SessionRegistry registry, MessageEncoder encoder, List<SessionListener> listeners,
			PacknetStatistics statistics) {
		this(options, protocol, dispatcher, registry, encoder, listeners, statistics, null);
	}

	/**
	 * Creates a paused server whose sessions must authenticate before their frames are dispatched.
	 * @param options the server settings
	 * @param protocol the framing
	 * @param dispatcher receives every inbound frame of authenticated sessions
	 * @param registry tracks open sessions
	 * @param encoder turns outbound messages into payloads
	 * @param listeners told when sessions start, authenticate and close
	 * @param statistics counters
	 * @param authenticator sees each session's frames until it accepts the session; {@code null} for none
	 */
	public PacketServer(ServerOptions options, PacketProtocol protocol, PacketDispatcher dispatcher,
			SessionRegistry registry, MessageEncoder encoder, List<SessionListener> listeners,
			PacknetStatistics statistics, @Nullable PacketAuthenticator authenticator) {
		this.options = Objects.requireNonNull(options, "options");
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		SessionSettings settings = new SessionSettings(protocol.maxFrameSize(), options.getMaxPendingBytes(),
				options.getOverflowPolicy(), options.getShutdownTimeout());
		SessionServices services = new SessionServices(registry, Objects.requireNonNull(dispatcher, "dispatcher"),
				new SessionListeners(listeners), encoder, settings, statistics, authenticator,
				options.getAuthTimeout());
		this.initializer = new PacketServerInitializer(protocol, options, services, this.channels,
				() -> this.stopping);
	}

	/**
	 * Binds the server and starts accepting connections.
	 * @throws PacketServerException if it cannot bind
	 */
	public synchronized void start() {
		if (this.state != State.NEW) {
			return;
		}
		ResolvedTransport transport = ResolvedTransport.resolve(this.options.getTransport());
		this.transport = transport;
		// non-daemon: like an embedded web server, a running packet server keeps the JVM alive
		this.bossGroup = new MultiThreadIoEventLoopGroup(this.options.getBossThreads(),
				new DefaultThreadFactory("packnet-boss", false), transport.ioHandlerFactory());
		this.workerGroup = new MultiThreadIoEventLoopGroup(this.options.getWorkerThreads(),
				new DefaultThreadFactory("packnet-worker", true), transport.ioHandlerFactory());
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.bossGroup, this.workerGroup)
			.channel(transport.serverChannelType())
			.option(ChannelOption.SO_BACKLOG, this.options.getBacklog())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, this.options.isTcpNoDelay())
			.childOption(ChannelOption.SO_KEEPALIVE, this.options.isKeepAlive())
			.childHandler(this.initializer);
		if (this.options.getSendBufferSize() != null) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, this.options.getSendBufferSize());
		}
		if (this.options.getReceiveBufferSize() != null) {
			bootstrap.childOption(ChannelOption.SO_RCVBUF, this.options.getReceiveBufferSize());
		}
		try {
			Channel channel = bootstrap.bind(this.options.getHost(), this.options.getPort()).sync().channel();
			this.serverChannel = channel;
			this.port = ((InetSocketAddress) channel.localAddress()).getPort();
			this.state = State.RUNNING;
			channel.closeFuture().addListener((future) -> acceptLoopClosed());
		}
		catch (Exception ex) {
			this.state = State.FAILED;
			shutdownEventLoops(Duration.ZERO);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new PacketServerException("packnet server failed to bind " + this.options.getHost() + ":"
					+ this.options.getPort() + " (packnet.server.host / packnet.server.port): " + ex.getMessage(), ex);
		}
		logger.info("packnet server listening on " + this.options.getHost() + ":" + this.port + " (transport "
				+ transport.displayName() + ", framing " + this.protocol.description() + ")");
	}

	private void acceptLoopClosed() {
		if (this.state == State.RUNNING) {
			this.state = State.FAILED;
			logger.error("packnet server socket on port " + this.port + " closed unexpectedly; no longer accepting");
		}
	}

	/**
	 * Stops accepting new connections; open sessions keep working.
	 */
	public synchronized void stopAccepting() {
		this.stopping = true;
		if (this.state == State.RUNNING || this.state == State.FAILED) {
			this.state = State.DRAINING;
		}
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().awaitUninterruptibly(this.options.getShutdownTimeout().toMillis());
		}
	}

	/**
	 * Closes every session as {@link CloseReason#SERVER_SHUTDOWN}, flushing what is queued, and waits
	 * until they are closed or the timeout passes.
	 * @param timeout the longest wait
	 * @return {@code true} if every session closed in time
	 */
	public boolean closeSessions(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		// repeat: a connection accepted just before accepting stopped may become a session meanwhile
		for (int round = 0; round < 100; round++) {
			List<Session> open = List.copyOf(this.registry.sessions());
			if (open.isEmpty()) {
				return true;
			}
			open.forEach((session) -> ((ChannelSession) session).close(CloseReason.SERVER_SHUTDOWN, null));
			for (Session session : open) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return cutRemainingSessions(timeout);
				}
				try {
					session.closeFuture().toCompletableFuture().get(remaining, TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return cutRemainingSessions(timeout);
				}
				catch (ExecutionException | TimeoutException ex) {
					// the deadline check above reports it
				}
			}
		}
		return cutRemainingSessions(timeout);
	}

	private boolean cutRemainingSessions(Duration timeout) {
		int left = this.registry.size();
		if (left > 0) {
			logger.warn(left + " packnet sessions did not finish closing (flush, then the peer's close) within "
					+ "packnet.server.shutdown-timeout=" + timeout + "; closing them now");
			this.registry.sessions().forEach((session) -> ((ChannelSession) session).channel().close());
		}
		return left == 0;
	}

	/**
	 * Stops the server: stops accepting, closes every session within the shutdown timeout, and
	 * releases the event loops.
	 */
	public synchronized void stop() {
		if (this.state == State.NEW || this.state == State.STOPPED) {
			this.state = State.STOPPED;
			return;
		}
		stopAccepting();
		closeSessions(this.options.getShutdownTimeout());
		// connections accepted while draining (not yet sessions when closeSessions ran) close here, on their
		// event loop: a registration in progress there has run channelActive first, so its session exists
		this.channels.forEach((channel) -> channel.eventLoop().execute(() -> {
			ChannelSession session = SessionHandler.sessionOf(channel);
			if (session != null) {
				session.markClosing(CloseReason.SERVER_SHUTDOWN, null);
			}
			channel.close();
		}));
		this.channels.close().awaitUninterruptibly(this.options.getShutdownTimeout().toMillis());
		shutdownEventLoops(this.options.getShutdownTimeout());
		this.state = State.STOPPED;
		logger.info("packnet server on port " + this.port + " stopped");
	}

	private void shutdownEventLoops(Duration timeout) {
		long millis = Math.max(timeout.toMillis(), 100);
		if (this.bossGroup != null) {
			this.bossGroup.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
		}
		if (this.workerGroup != null) {
			this.workerGroup.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS).awaitUninterruptibly(millis);
		}
	}

	/**
	 * Returns the bound port.
	 * @return the port, or -1 before the server is bound
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the lifecycle state.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Tells whether the server is bound and accepting connections.
	 * @return {@code true} when {@link #state()} is {@link State#RUNNING}
	 */
	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	/**
	 * Returns the configured options.
	 * @return the options
	 */
	public ServerOptions options() {
		return this.options;
	}

	/**
	 * Returns the framing.
	 * @return the protocol
	 */
	public PacketProtocol protocol() {
		return this.protocol;
	}

	/**
	 * Returns the transport in use.
	 * @return the transport, or {@code null} before start
	 */
	public @Nullable ResolvedTransport transport() {
		return this.transport;
	}

	/**
	 * Returns the open sessions.
	 * @return the registry
	 */
	public SessionRegistry registry() {
		return this.registry;
	}

	/**
	 * Returns the traffic counters.
	 * @return the statistics
	 */
	public PacknetStatistics statistics() {
		return this.statistics;
	}

}
