package io.packnet.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Connects {@link PacketClient}s that share one set of I/O threads and the application's framing,
 * type field and codecs. Auto-configured; its threads start with the first connection.
 */
public final class PacketClientFactory implements AutoCloseable {

	private final PacketProtocol protocol;

	private final MessageEncoder encoder;

	private final Duration connectTimeout;

	private final @Nullable SslContext sslContext;

	private @Nullable EventLoopGroup group;

	/**
	 * Creates a factory.
	 * @param protocol the framing
	 * @param encoder encodes outbound messages
	 * @param connectTimeout how long each connect may take
	 */
	public PacketClientFactory(PacketProtocol protocol, MessageEncoder encoder, Duration connectTimeout) {
		this(protocol, encoder, connectTimeout, null);
	}

	/**
	 * Creates a factory whose clients speak TLS.
	 * @param protocol the framing
	 * @param encoder encodes outbound messages
	 * @param connectTimeout how long each connect (and TLS handshake) may take
	 * @param sslContext a client-side context, or {@code null} for plain TCP
	 */
	public PacketClientFactory(PacketProtocol protocol, MessageEncoder encoder, Duration connectTimeout,
			@Nullable SslContext sslContext) {
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
		this.sslContext = sslContext;
	}

	/**
	 * Connects a client that queues received frames for {@link PacketClient#receive(Duration)}.
	 * @param host the server host
	 * @param port the server port
	 * @return the client
	 */
	public PacketClient connect(String host, int port) {
		return builder().connect(host, port);
	}

	/**
	 * Returns a builder preset with this factory's threads, framing, encoder and TLS settings.
	 * @return the builder
	 */
	public PacketClient.Builder builder() {
		return PacketClient.builder(this.protocol)
			.encoder(this.encoder)
			.connectTimeout(this.connectTimeout)
			.sslContext(this.sslContext)
			.eventLoopGroup(group(), NioSocketChannel.class);
	}

	private synchronized EventLoopGroup group() {
		if (this.group == null) {
			this.group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("packnet-client", true),
					NioIoHandler.newFactory());
		}
		return this.group;
	}

	/**
	 * Closes the shared threads; clients still open are closed with them.
	 */
	@Override
	public synchronized void close() {
		if (this.group != null) {
			this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
			this.group = null;
		}
	}

}
