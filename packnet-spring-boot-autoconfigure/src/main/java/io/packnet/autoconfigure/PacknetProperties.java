package io.packnet.autoconfigure;

import java.time.Duration;

import io.packnet.handler.HandlerErrorPolicy;
import io.packnet.handler.UnmappedTypePolicy;
import io.packnet.server.Transport;
import io.packnet.session.OverflowPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for packnet ({@code packnet.*}). Invalid values fail startup with a
 * message that names the property and the values it allows.
 */
@ConfigurationProperties("packnet")
public class PacknetProperties implements Validator {

	/** The largest node id: node ids fill bits 40 to 62 of session ids (see io.packnet.cluster.ClusterNode). */
	static final int MAX_NODE_ID = (1 << 23) - 1;

	private static final String REDIS_CONNECTION_FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

	private final Server server = new Server();

	private final Protocol protocol = new Protocol();

	private final Session session = new Session();

	private final Routing routing = new Routing();

	private final Client client = new Client();

	private final Handler handler = new Handler();

	private final Broadcast broadcast = new Broadcast();

	private final Observations observations = new Observations();

	private final Cluster cluster = new Cluster();

	public Server getServer() {
		return this.server;
	}

	public Protocol getProtocol() {
		return this.protocol;
	}

	public Session getSession() {
		return this.session;
	}

	public Routing getRouting() {
		return this.routing;
	}

	public Client getClient() {
		return this.client;
	}

	public Handler getHandler() {
		return this.handler;
	}

	public Broadcast getBroadcast() {
		return this.broadcast;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	@Override
	public boolean supports(Class<?> clazz) {
		return PacknetProperties.class.isAssignableFrom(clazz);
	}

	@Override
	public void validate(Object target, Errors errors) {
		PacknetProperties properties = (PacknetProperties) target;
		Server server = properties.getServer();
		check(errors, server.getPort() >= 0 && server.getPort() <= 65535, "server.port", "packnet.server.port",
				server.getPort(), "an integer from 0 to 65535 (0 picks a free port)");
		check(errors, server.getBossThreads() >= 1, "server.bossThreads", "packnet.server.boss-threads",
				server.getBossThreads(), "1 or more");
		check(errors, server.getWorkerThreads() >= 0, "server.workerThreads", "packnet.server.worker-threads",
				server.getWorkerThreads(), "0 (twice the CPU count) or more");
		check(errors, server.getBacklog() >= 1, "server.backlog", "packnet.server.backlog", server.getBacklog(),
				"1 or more");
		check(errors, server.getMaxConnections() >= 0, "server.maxConnections", "packnet.server.max-connections",
				server.getMaxConnections(), "0 (unlimited) or more");
		check(errors, server.getMaxConnectionsPerIp() >= 0, "server.maxConnectionsPerIp",
				"packnet.server.max-connections-per-ip", server.getMaxConnectionsPerIp(), "0 (unlimited) or more");
		checkSize(errors, server.getSendBufferSize(), "server.sendBufferSize", "packnet.server.send-buffer-size");
		checkSize(errors, server.getReceiveBufferSize(), "server.receiveBufferSize",
				"packnet.server.receive-buffer-size");
		checkDuration(errors, server.getShutdownTimeout(), "server.shutdownTimeout",
				"packnet.server.shutdown-timeout");
		ServerSsl ssl = server.getSsl();
		check(errors, StringUtils.hasText(ssl.getBundle()) || ssl.getClientAuth() == ClientAuth.NONE, "server.ssl.clientAuth",
				"packnet.server.ssl.client-auth", ssl.getClientAuth().name().toLowerCase(java.util.Locale.ROOT),
				"none when packnet.server.ssl.bundle is not set");
		checkDuration(errors, ssl.getHandshakeTimeout(), "server.ssl.handshakeTimeout",
				"packnet.server.ssl.handshake-timeout");
		Protocol protocol = properties.getProtocol();
		int headerSize = protocol.getHeaderSize();
		check(errors, headerSize == 1 || headerSize == 2 || headerSize == 3 || headerSize == 4 || headerSize == 8,
				"protocol.headerSize", "packnet.protocol.header-size", headerSize, "one of 1, 2, 3, 4, 8");
		checkSize(errors, protocol.getMaxFrameSize(), "protocol.maxFrameSize", "packnet.protocol.max-frame-size");
		check(errors, protocol.getMaxFrameSize().toBytes() <= Integer.MAX_VALUE, "protocol.maxFrameSize",
				"packnet.protocol.max-frame-size", protocol.getMaxFrameSize(), "at most 2147483647B");
		Session session = properties.getSession();
		checkDuration(errors, session.getIdleTimeout(), "session.idleTimeout", "packnet.session.idle-timeout");
		checkDuration(errors, session.getFrameTimeout(), "session.frameTimeout", "packnet.session.frame-timeout");
		checkDuration(errors, session.getAuthTimeout(), "session.authTimeout", "packnet.session.auth-timeout");
		checkSize(errors, session.getMaxPendingBytes(), "session.maxPendingBytes",
				"packnet.session.max-pending-bytes");
		int typeFieldSize = properties.getRouting().getTypeFieldSize();
		check(errors, typeFieldSize == 0 || typeFieldSize == 1 || typeFieldSize == 2 || typeFieldSize == 4,
				"routing.typeFieldSize", "packnet.routing.type-field-size", typeFieldSize, "one of 0 (off), 1, 2, 4");
		checkDuration(errors, properties.getClient().getConnectTimeout(), "client.connectTimeout",
				"packnet.client.connect-timeout");
		Handler handler = properties.getHandler();
		check(errors, handler.getMaxQueuedFrames() >= 1, "handler.maxQueuedFrames",
				"packnet.handler.max-queued-frames", handler.getMaxQueuedFrames(), "1 or more");
		int javaVersion = Runtime.version().feature();
		if (handler.getExecutor() == HandlerExecutor.VIRTUAL_THREADS && javaVersion < 21) {
			errors.rejectValue("handler.executor", "invalid", "packnet.handler.executor=virtual-threads needs Java 21+; "
					+ "this JVM is " + javaVersion + " (use task-executor or event-loop)");
		}
		int maxGroupNameLength = properties.getBroadcast().getMaxGroupNameLength();
		check(errors, maxGroupNameLength >= 1, "broadcast.maxGroupNameLength",
				"packnet.broadcast.max-group-name-length", maxGroupNameLength, "1 or more");
		validateCluster(properties.getCluster(), errors);
	}

	private static void validateCluster(Cluster cluster, Errors errors) {
		// the default (context) class loader: the application's, which is what matters
		if (cluster.isEnabled() && !ClassUtils.isPresent(REDIS_CONNECTION_FACTORY, null)) {
			errors.rejectValue("cluster.enabled", "invalid", "packnet.cluster.enabled=true needs Spring Data Redis: "
					+ "add the dependency org.springframework.boot:spring-boot-starter-data-redis");
		}
		String prefix = cluster.getChannelPrefix();
		boolean prefixValid = !prefix.isEmpty()
				&& prefix.chars().noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c));
		check(errors, prefixValid, "cluster.channelPrefix", "packnet.cluster.channel-prefix", "'" + prefix + "'",
				"a non-empty name without spaces or control characters");
		Integer nodeId = cluster.getNodeId();
		check(errors, nodeId == null || (nodeId >= 1 && nodeId <= MAX_NODE_ID), "cluster.nodeId",
				"packnet.cluster.node-id", nodeId, "unset (taken from a Redis counter) or from 1 to " + MAX_NODE_ID);
		checkSize(errors, cluster.getMaxPendingBytes(), "cluster.maxPendingBytes", "packnet.cluster.max-pending-bytes");
		checkPositive(errors, cluster.getPublishTimeout(), "cluster.publishTimeout", "packnet.cluster.publish-timeout");
		checkPositive(errors, cluster.getHeartbeatInterval(), "cluster.heartbeatInterval",
				"packnet.cluster.heartbeat-interval");
	}

	private static void check(Errors errors, boolean valid, String field, String property, @Nullable Object value,
			String allowed) {
		if (!valid) {
			errors.rejectValue(field, "invalid", property + " must be " + allowed + " but was " + value);
		}
	}

	private static void checkSize(Errors errors, @Nullable DataSize size, String field, String property) {
		if (size != null) {
			check(errors, size.toBytes() > 0, field, property, size, "a positive size such as 64KB or 1MB");
		}
	}

	private static void checkPositive(Errors errors, Duration duration, String field, String property) {
		check(errors, !duration.isNegative() && !duration.isZero(), field, property, duration,
				"a positive duration such as 2s or 500ms");
	}

	private static void checkDuration(Errors errors, Duration duration, String field, String property) {
		check(errors, !duration.isNegative(), field, property, duration, "zero or a positive duration such as 30s");
	}

	/** Framing presets selectable by {@code packnet.protocol.type}. */
	public enum ProtocolType {

		/** An N-byte length, then the payload (Erlang's {@code {packet, N}}). */
		LENGTH_FIELD,

		/** Frames end with a newline. */
		LINE,

		/** A base-128 varint32 length, then the payload (protobuf's delimited streams). */
		VARINT32

	}

	/** Where {@code @PacketHandler} methods run, selected by {@code packnet.handler.executor}. */
	public enum HandlerExecutor {

		/** On the session's event loop: fastest, but handlers must never block. */
		EVENT_LOOP,

		/** One virtual thread per session turn (Java 21+); handlers may block. */
		VIRTUAL_THREADS,

		/** The application's task executor (the applicationTaskExecutor bean); handlers may block. */
		TASK_EXECUTOR

	}

	/** Byte order of length headers and type fields. */
	public enum Endianness {

		/** Network byte order, most significant byte first. */
		BIG,

		/** Least significant byte first. */
		LITTLE

	}

	/** {@code packnet.server.*}: the listening socket and its threads. */
	public static class Server {

		/** Whether to start the packet server. */
		private boolean enabled = true;

		/** Address to bind; 0.0.0.0 listens on every interface. */
		private String host = "0.0.0.0";

		/** Port to listen on; 0 picks a free port (see local.packnet.server.port). */
		private int port = 7878;

		/** Network transport: auto picks the best native one that loads (epoll, io-uring), else nio. */
		private Transport transport = Transport.AUTO;

		/** Threads accepting connections. */
		private int bossThreads = 1;

		/** Threads serving connections (event loops); 0 means twice the CPU count. */
		private int workerThreads = 0;

		/** Pending-connection queue length of the listening socket (SO_BACKLOG). */
		private int backlog = 1024;

		/** Whether to disable Nagle's algorithm (TCP_NODELAY), sending small frames at once. */
		private boolean tcpNoDelay = true;

		/** Whether to enable TCP keep-alive probes (SO_KEEPALIVE). */
		private boolean keepAlive = true;

		/** Socket send buffer size (SO_SNDBUF); unset keeps the OS default. */
		private @Nullable DataSize sendBufferSize;

		/** Socket receive buffer size (SO_RCVBUF); unset keeps the OS default. */
		private @Nullable DataSize receiveBufferSize;

		/** Most connections open at once; more are refused on accept. 0 means unlimited. */
		private int maxConnections = 0;

		/** Most connections open at once from one IP address; 0 means unlimited. */
		private int maxConnectionsPerIp = 0;

		/** How long shutdown may spend flushing and closing sessions before cutting them. */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private final ServerSsl ssl = new ServerSsl();

		public ServerSsl getSsl() {
			return this.ssl;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Transport getTransport() {
			return this.transport;
		}

		public void setTransport(Transport transport) {
			this.transport = transport;
		}

		public int getBossThreads() {
			return this.bossThreads;
		}

		public void setBossThreads(int bossThreads) {
			this.bossThreads = bossThreads;
		}

		public int getWorkerThreads() {
			return this.workerThreads;
		}

		public void setWorkerThreads(int workerThreads) {
			this.workerThreads = workerThreads;
		}

		public int getBacklog() {
			return this.backlog;
		}

		public void setBacklog(int backlog) {
			this.backlog = backlog;
		}

		public boolean isTcpNoDelay() {
			return this.tcpNoDelay;
		}

		public void setTcpNoDelay(boolean tcpNoDelay) {
			this.tcpNoDelay = tcpNoDelay;
		}

		public boolean isKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(boolean keepAlive) {
			this.keepAlive = keepAlive;
		}

		public @Nullable DataSize getSendBufferSize() {
			return this.sendBufferSize;
		}

		public void setSendBufferSize(@Nullable DataSize sendBufferSize) {
			this.sendBufferSize = sendBufferSize;
		}

		public @Nullable DataSize getReceiveBufferSize() {
			return this.receiveBufferSize;
		}

		public void setReceiveBufferSize(@Nullable DataSize receiveBufferSize) {
			this.receiveBufferSize = receiveBufferSize;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxConnectionsPerIp() {
			return this.maxConnectionsPerIp;
		}

		public void setMaxConnectionsPerIp(int maxConnectionsPerIp) {
			this.maxConnectionsPerIp = maxConnectionsPerIp;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/** {@code packnet.server.ssl.*}: TLS for the server, from a Spring Boot SSL bundle. */
	public static class ServerSsl {

		/** Name of the SSL bundle (spring.ssl.bundle.pem.* or .jks.*) to serve TLS with; unset serves plain TCP. */
		private @Nullable String bundle;

		/** Client certificates: none, want (ask, accept without) or need (refuse connections without a trusted one). */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/** How long a TLS handshake may take before the connection is closed. */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

	/** Whether the server asks TLS clients for a certificate. */
	public enum ClientAuth {

		/** Do not ask for a client certificate. */
		NONE,

		/** Ask for a client certificate; accept clients without one. */
		WANT,

		/** Require a trusted client certificate. */
		NEED

	}

	/** {@code packnet.protocol.*}: how frames are delimited on the wire. */
	public static class Protocol {

		/** Framing: length-field (Erlang {packet, N}), line (newline-delimited) or varint32 (protobuf-style). */
		private ProtocolType type = ProtocolType.LENGTH_FIELD;

		/** Bytes in the length header for type length-field: 1, 2, 3, 4 or 8. */
		private int headerSize = 4;

		/** Byte order of the length header and the type field: big or little. */
		private Endianness byteOrder = Endianness.BIG;

		/** Largest payload accepted or sent; a larger header closes the session before any body is read. */
		private DataSize maxFrameSize = DataSize.ofMegabytes(1);

		/** Whether the length header counts its own bytes (length-field only). */
		private boolean lengthIncludesHeader = false;

		public ProtocolType getType() {
			return this.type;
		}

		public void setType(ProtocolType type) {
			this.type = type;
		}

		public int getHeaderSize() {
			return this.headerSize;
		}

		public void setHeaderSize(int headerSize) {
			this.headerSize = headerSize;
		}

		public Endianness getByteOrder() {
			return this.byteOrder;
		}

		public void setByteOrder(Endianness byteOrder) {
			this.byteOrder = byteOrder;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public boolean isLengthIncludesHeader() {
			return this.lengthIncludesHeader;
		}

		public void setLengthIncludesHeader(boolean lengthIncludesHeader) {
			this.lengthIncludesHeader = lengthIncludesHeader;
		}

	}

	/** {@code packnet.session.*}: per-connection limits. */
	public static class Session {

		/** Close a session that receives nothing for this long; 0 turns it off. */
		private Duration idleTimeout = Duration.ZERO;

		/** Close a session whose frame does not complete this long after its first byte (slowloris defence); 0 turns it off. */
		private Duration frameTimeout = Duration.ZERO;

		/** With a PacketAuthenticator bean: close a session that has not authenticated this long after it started; 0 waits forever. */
		private Duration authTimeout = Duration.ofSeconds(10);

		/** Outbound bytes that may be queued for one session before the overflow policy applies. */
		private DataSize maxPendingBytes = DataSize.ofMegabytes(4);

		/** What a send past max-pending-bytes does: close (slow consumer) or drop (discard and count). */
		private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getFrameTimeout() {
			return this.frameTimeout;
		}

		public void setFrameTimeout(Duration frameTimeout) {
			this.frameTimeout = frameTimeout;
		}

		public Duration getAuthTimeout() {
			return this.authTimeout;
		}

		public void setAuthTimeout(Duration authTimeout) {
			this.authTimeout = authTimeout;
		}

		public DataSize getMaxPendingBytes() {
			return this.maxPendingBytes;
		}

		public void setMaxPendingBytes(DataSize maxPendingBytes) {
			this.maxPendingBytes = maxPendingBytes;
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

	}

	/** {@code packnet.routing.*}: how frames find their handler. */
	public static class Routing {

		/** Bytes of message type at the start of each payload (0 = off, 1, 2 or 4), in the protocol's byte order. */
		private int typeFieldSize = 0;

		/** What a frame of a type no @PacketMapping handles does: ignore (drop and count) or close the session. */
		private UnmappedTypePolicy unmapped = UnmappedTypePolicy.IGNORE;

		public int getTypeFieldSize() {
			return this.typeFieldSize;
		}

		public void setTypeFieldSize(int typeFieldSize) {
			this.typeFieldSize = typeFieldSize;
		}

		public UnmappedTypePolicy getUnmapped() {
			return this.unmapped;
		}

		public void setUnmapped(UnmappedTypePolicy unmapped) {
			this.unmapped = unmapped;
		}

	}

	/** {@code packnet.client.ssl.*}: TLS for the auto-configured PacketClientFactory. */
	public static class ClientSsl {

		/** Name of the SSL bundle whose trust material (and key, for client certificates) clients use; unset connects in plain TCP. */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/** {@code packnet.client.*}: the auto-configured PacketClientFactory. */
	public static class Client {

		/** How long a PacketClient may take to connect, TLS handshake included. */
		private Duration connectTimeout = Duration.ofSeconds(5);

		private final ClientSsl ssl = new ClientSsl();

		public ClientSsl getSsl() {
			return this.ssl;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

	}

	/** {@code packnet.handler.*}: how @PacketHandler methods are run. */
	public static class Handler {

		/** Where handlers run: event-loop (never block there), virtual-threads (Java 21+) or task-executor. */
		private HandlerExecutor executor = HandlerExecutor.EVENT_LOOP;

		/** What an exception no @PacketExceptionHandler handles does: log (session stays open) or close. */
		private HandlerErrorPolicy onError = HandlerErrorPolicy.LOG;

		/** Frames queued per session for an off-loop executor before the session stops being read. */
		private int maxQueuedFrames = 1000;

		public HandlerExecutor getExecutor() {
			return this.executor;
		}

		public void setExecutor(HandlerExecutor executor) {
			this.executor = executor;
		}

		public HandlerErrorPolicy getOnError() {
			return this.onError;
		}

		public void setOnError(HandlerErrorPolicy onError) {
			this.onError = onError;
		}

		public int getMaxQueuedFrames() {
			return this.maxQueuedFrames;
		}

		public void setMaxQueuedFrames(int maxQueuedFrames) {
			this.maxQueuedFrames = maxQueuedFrames;
		}

	}

	/** {@code packnet.broadcast.*}: the BroadcastTemplate's groups. */
	public static class Broadcast {

		/** Longest group name, in characters; longer names (and empty ones, or control characters) are rejected. */
		private int maxGroupNameLength = 256;

		public int getMaxGroupNameLength() {
			return this.maxGroupNameLength;
		}

		public void setMaxGroupNameLength(int maxGroupNameLength) {
			this.maxGroupNameLength = maxGroupNameLength;
		}

	}

	/** {@code packnet.observations.*}: Micrometer observations (tracing) of handler invocations. */
	public static class Observations {

		/** Whether to wrap each @PacketMapping invocation in a Micrometer Observation (a span with tracing). */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** {@code packnet.cluster.*}: groups and sends across servers, relayed through Redis pub/sub. */
	public static class Cluster {

		/** Whether to relay broadcasts and sends to the other servers through Redis pub/sub (needs spring-boot-starter-data-redis). */
		private boolean enabled = false;

		/** Prefix of the Redis channels and keys; the servers sharing a Redis and a prefix form one cluster. */
		private String channelPrefix = "packnet";

		/** This server's node id (1 to 8388607), the high bits of its session ids; unset takes the next one from a Redis counter. */
		private @Nullable Integer nodeId;

		/** Broadcasts and sends that may wait for Redis, in bytes; past it they reach this server only (and are counted). */
		private DataSize maxPendingBytes = DataSize.ofMegabytes(16);

		/** How long Redis may take to answer a publish before the relay counts as down and drops broadcasts at once. */
		private Duration publishTimeout = Duration.ofSeconds(2);

		/** How often the relay checks Redis and its own subscription, and retries while Redis is down. */
		private Duration heartbeatInterval = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getChannelPrefix() {
			return this.channelPrefix;
		}

		public void setChannelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
		}

		public @Nullable Integer getNodeId() {
			return this.nodeId;
		}

		public void setNodeId(@Nullable Integer nodeId) {
			this.nodeId = nodeId;
		}

		public DataSize getMaxPendingBytes() {
			return this.maxPendingBytes;
		}

		public void setMaxPendingBytes(DataSize maxPendingBytes) {
			this.maxPendingBytes = maxPendingBytes;
		}

		public Duration getPublishTimeout() {
			return this.publishTimeout;
		}

		public void setPublishTimeout(Duration publishTimeout) {
			this.publishTimeout = publishTimeout;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

	}

}
