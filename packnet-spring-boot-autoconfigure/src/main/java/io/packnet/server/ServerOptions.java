package io.packnet.server;

import java.time.Duration;
import java.util.Objects;

import io.netty.handler.ssl.SslContext;
import io.packnet.session.OverflowPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link PacketServer}, with the library's defaults. The Spring Boot properties
 * ({@code packnet.server.*}, {@code packnet.session.*}) map onto these.
 */
public final class ServerOptions {

	/** The default port: 7878. */
	public static final int DEFAULT_PORT = 7878;

	private String host = "0.0.0.0";

	private int port = DEFAULT_PORT;

	private Transport transport = Transport.AUTO;

	private int bossThreads = 1;

	private int workerThreads = 0;

	private int backlog = 1024;

	private boolean tcpNoDelay = true;

	private boolean keepAlive = true;

	private @Nullable Integer sendBufferSize;

	private @Nullable Integer receiveBufferSize;

	private int maxConnections = 0;

	private int maxConnectionsPerIp = 0;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private Duration idleTimeout = Duration.ZERO;

	private Duration frameTimeout = Duration.ZERO;

	private Duration authTimeout = Duration.ofSeconds(10);

	private long maxPendingBytes = 4L * 1024 * 1024;

	private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

	private @Nullable SslContext sslContext;

	private Duration sslHandshakeTimeout = Duration.ofSeconds(10);

	public String getHost() {
		return this.host;
	}

	public ServerOptions host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return this;
	}

	public int getPort() {
		return this.port;
	}

	public ServerOptions port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
		}
		this.port = port;
		return this;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public ServerOptions transport(Transport transport) {
		this.transport = Objects.requireNonNull(transport, "transport");
		return this;
	}

	public int getBossThreads() {
		return this.bossThreads;
	}

	public ServerOptions bossThreads(int bossThreads) {
		this.bossThreads = positive("bossThreads", bossThreads);
		return this;
	}

	public int getWorkerThreads() {
		return this.workerThreads;
	}

	/**
	 * Sets the worker (I/O) thread count; 0 means Netty's default of twice the CPU count.
	 * @param workerThreads the count
	 * @return these options
	 */
	public ServerOptions workerThreads(int workerThreads) {
		this.workerThreads = notNegative("workerThreads", workerThreads);
		return this;
	}

	public int getBacklog() {
		return this.backlog;
	}

	public ServerOptions backlog(int backlog) {
		this.backlog = positive("backlog", backlog);
		return this;
	}

	public boolean isTcpNoDelay() {
		return this.tcpNoDelay;
	}

	public ServerOptions tcpNoDelay(boolean tcpNoDelay) {
		this.tcpNoDelay = tcpNoDelay;
		return this;
	}

	public boolean isKeepAlive() {
		return this.keepAlive;
	}

	public ServerOptions keepAlive(boolean keepAlive) {
		this.keepAlive = keepAlive;
		return this;
	}

	public @Nullable Integer getSendBufferSize() {
		return this.sendBufferSize;
	}

	/**
	 * Sets {@code SO_SNDBUF}; {@code null} keeps the OS default.
	 * @param sendBufferSize bytes, or {@code null}
	 * @return these options
	 */
	public ServerOptions sendBufferSize(@Nullable Integer sendBufferSize) {
		this.sendBufferSize = (sendBufferSize != null) ? positive("sendBufferSize", sendBufferSize) : null;
		return this;
	}

	public @Nullable Integer getReceiveBufferSize() {
		return this.receiveBufferSize;
	}

	/**
	 * Sets {@code SO_RCVBUF}; {@code null} keeps the OS default.
	 * @param receiveBufferSize bytes, or {@code null}
	 * @return these options
	 */
	public ServerOptions receiveBufferSize(@Nullable Integer receiveBufferSize) {
		this.receiveBufferSize = (receiveBufferSize != null) ? positive("receiveBufferSize", receiveBufferSize)
				: null;
		return this;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	/**
	 * Sets the most connections open at once; 0 means unlimited.
	 * @param maxConnections the limit
	 * @return these options
	 */
	public ServerOptions maxConnections(int maxConnections) {
		this.maxConnections = notNegative("maxConnections", maxConnections);
		return this;
	}

	public int getMaxConnectionsPerIp() {
		return this.maxConnectionsPerIp;
	}

	/**
	 * Sets the most connections open at once from one IP address; 0 means unlimited.
	 * @param maxConnectionsPerIp the limit
	 * @return these options
	 */
	public ServerOptions maxConnectionsPerIp(int maxConnectionsPerIp) {
		this.maxConnectionsPerIp = notNegative("maxConnectionsPerIp", maxConnectionsPerIp);
		return this;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public ServerOptions shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = notNegative("shutdownTimeout", shutdownTimeout);
		return this;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Sets how long a session may receive nothing before it is closed; zero turns it off.
	 * @param idleTimeout the timeout
	 * @return these options
	 */
	public ServerOptions idleTimeout(Duration idleTimeout) {
		this.idleTimeout = notNegative("idleTimeout", idleTimeout);
		return this;
	}

	public Duration getFrameTimeout() {
		return this.frameTimeout;
	}

	/**
	 * Sets how long a frame may take to arrive once its first byte has; zero turns it off. Closes
	 * peers that trickle bytes to hold a connection open, which an idle timeout cannot catch.
	 * @param frameTimeout the timeout
	 * @return these options
	 */
	public ServerOptions frameTimeout(Duration frameTimeout) {
		this.frameTimeout = notNegative("frameTimeout", frameTimeout);
		return this;
	}

	public Duration getAuthTimeout() {
		return this.authTimeout;
	}

	/**
	 * Sets how long a session may take to authenticate when the server has a
	 * {@code PacketAuthenticator}; zero waits forever.
	 * @param authTimeout the timeout
	 * @return these options
	 */
	public ServerOptions authTimeout(Duration authTimeout) {
		this.authTimeout = notNegative("authTimeout", authTimeout);
		return this;
	}

	public long getMaxPendingBytes() {
		return this.maxPendingBytes;
	}

	public ServerOptions maxPendingBytes(long maxPendingBytes) {
		if (maxPendingBytes < 1) {
			throw new IllegalArgumentException("maxPendingBytes must be positive but was " + maxPendingBytes);
		}
		this.maxPendingBytes = maxPendingBytes;
		return this;
	}

	public OverflowPolicy getOverflowPolicy() {
		return this.overflowPolicy;
	}

	public ServerOptions overflowPolicy(OverflowPolicy overflowPolicy) {
		this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
		return this;
	}

	public @Nullable SslContext getSslContext() {
		return this.sslContext;
	}

	/**
	 * Serves TLS with a server-side context; {@code null} (the default) serves plain TCP.
	 * @param sslContext the context, or {@code null}
	 * @return these options
	 */
	public ServerOptions sslContext(@Nullable SslContext sslContext) {
		if (sslContext != null && sslContext.isClient()) {
			throw new IllegalArgumentException("sslContext must be a server context (SslContextBuilder.forServer)");
		}
		this.sslContext = sslContext;
		return this;
	}

	public Duration getSslHandshakeTimeout() {
		return this.sslHandshakeTimeout;
	}

	/**
	 * Sets how long a TLS handshake may take before the connection is closed; zero waits forever.
	 * @param sslHandshakeTimeout the timeout
	 * @return these options
	 */
	public ServerOptions sslHandshakeTimeout(Duration sslHandshakeTimeout) {
		this.sslHandshakeTimeout = notNegative("sslHandshakeTimeout", sslHandshakeTimeout);
		return this;
	}

	private static int positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
		return value;
	}

	private static int notNegative(String name, int value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
		return value;
	}

	private static Duration notNegative(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
		return value;
	}

}
