package io.packnet.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.FrameDecoder;
import io.packnet.protocol.FrameEncoder;
import io.packnet.protocol.PacketProtocol;
import org.jspecify.annotations.Nullable;

/**
 * A client connection speaking a {@link PacketProtocol} (the original library's {@code Dial}).
 * Frames arrive through a callback, or queue up for {@link #receive(Duration)} (at most
 * {@value #RECEIVE_QUEUE_HIGH} frames; past that the client stops reading until they are taken).
 * Thread-safe.
 */
public final class PacketClient implements AutoCloseable {

	static final int RECEIVE_QUEUE_HIGH = 10_000;

	private static final int RECEIVE_QUEUE_LOW = 1_000;

	private final Channel channel;

	private final MessageEncoder encoder;

	private final @Nullable EventLoopGroup ownedGroup;

	private final BlockingQueue<byte[]> received;

	private PacketClient(Channel channel, MessageEncoder encoder, @Nullable EventLoopGroup ownedGroup,
			BlockingQueue<byte[]> received) {
		this.channel = channel;
		this.encoder = encoder;
		this.ownedGroup = ownedGroup;
		this.received = received;
	}

	/**
	 * Connects with its own I/O thread, plain byte/string payloads and no type field.
	 * @param host the server host
	 * @param port the server port
	 * @param protocol the framing, the same as the server's
	 * @param connectTimeout how long to wait for the connection
	 * @return the connected client
	 * @throws PacketClientException if the connection fails or times out
	 */
	public static PacketClient connect(String host, int port, PacketProtocol protocol, Duration connectTimeout) {
		return builder(protocol).connectTimeout(connectTimeout).connect(host, port);
	}

	/**
	 * Starts building a client.
	 * @param protocol the framing, the same as the server's
	 * @return a builder
	 */
	public static Builder builder(PacketProtocol protocol) {
		return new Builder(protocol);
	}

	/**
	 * Sends a message as one frame ({@code byte[]}, {@code ByteBuf}, {@code ByteBuffer},
	 * {@code String}, or an object the encoder's codecs support).
	 * @param message the message
	 * @return completes when written, fails if the client is closed or the frame is too large
	 */
	public CompletableFuture<Void> send(Object message) {
		return write(false, 0, message);
	}

	/**
	 * Sends a message preceded by a message type.
	 * @param type the type
	 * @param message the message
	 * @return completes when written
	 */
	public CompletableFuture<Void> send(int type, Object message) {
		return write(true, type, message);
	}

	private CompletableFuture<Void> write(boolean typed, int type, Object message) {
		ByteBuf payload;
		try {
			payload = typed ? this.encoder.encode(this.channel.alloc(), type, message)
					: this.encoder.encode(this.channel.alloc(), message);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.channel.writeAndFlush(payload).addListener((future) -> {
			if (future.isSuccess()) {
				result.complete(null);
			}
			else {
				result.completeExceptionally(future.cause());
			}
		});
		return result;
	}

	/**
	 * Waits for the next received frame (when no frame callback is set).
	 * @param timeout the longest wait
	 * @return the frame's payload, or {@code null} if none arrived in time
	 */
	public byte @Nullable [] receive(Duration timeout) {
		try {
			byte[] frame = this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (!this.channel.config().isAutoRead() && this.received.size() < RECEIVE_QUEUE_LOW) {
				this.channel.config().setAutoRead(true);
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Tells whether the connection is open.
	 * @return {@code true} until closed by either side
	 */
	public boolean isOpen() {
		return this.channel.isActive();
	}

	/**
	 * Returns a future that completes when the connection closes.
	 * @return the close future
	 */
	public CompletableFuture<Void> closeFuture() {
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.channel.closeFuture().addListener((future) -> result.complete(null));
		return result;
	}

	/**
	 * Returns the client's local address.
	 * @return the local address
	 */
	public SocketAddress localAddress() {
		return this.channel.localAddress();
	}

	/**
	 * Returns the Netty channel, for advanced use.
	 * @return the channel
	 */
	public Channel channel() {
		return this.channel;
	}

	/**
	 * Closes the connection and waits briefly for it to close.
	 */
	@Override
	public void close() {
		this.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		if (this.ownedGroup != null) {
			this.ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	/**
	 * Builds and connects a {@link PacketClient}.
	 */
	public static final class Builder {

		private final PacketProtocol protocol;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private @Nullable EventLoopGroup group;

		private Class<? extends SocketChannel> channelType = NioSocketChannel.class;

		private MessageEncoder encoder = MessageEncoder.plain();

		private @Nullable Consumer<byte[]> onFrame;

		private @Nullable SslContext sslContext;

		private Builder(PacketProtocol protocol) {
			this.protocol = Objects.requireNonNull(protocol, "protocol");
		}

		/**
		 * Sets how long to wait for the connection (default 5 s).
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Shares an event loop group (not closed with the client); by default each client has one thread.
		 * @param group the group
		 * @param channelType the socket channel class matching the group's transport
		 * @return this builder
		 */
		public Builder eventLoopGroup(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
			this.group = Objects.requireNonNull(group, "group");
			this.channelType = Objects.requireNonNull(channelType, "channelType");
			return this;
		}

		/**
		 * Sets the encoder for outbound messages (type field, codecs).
		 * @param encoder the encoder
		 * @return this builder
		 */
		public Builder encoder(MessageEncoder encoder) {
			this.encoder = Objects.requireNonNull(encoder, "encoder");
			return this;
		}

		/**
		 * Delivers every received frame to a callback (on the I/O thread) instead of the receive queue.
		 * @param onFrame the callback, given the payload
		 * @return this builder
		 */
		public Builder onFrame(Consumer<byte[]> onFrame) {
			this.onFrame = Objects.requireNonNull(onFrame, "onFrame");
			return this;
		}

		/**
		 * Speaks TLS with a client-side context (trust for the server's certificate and, for
		 * client-certificate authentication, a key); the server's name is verified against {@code host}.
		 * @param sslContext the context, or {@code null} for plain TCP (the default)
		 * @return this builder
		 */
		public Builder sslContext(@Nullable SslContext sslContext) {
			if (sslContext != null && !sslContext.isClient()) {
				throw new IllegalArgumentException("sslContext must be a client context (SslContextBuilder.forClient)");
			}
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Connects, completing the TLS handshake first when TLS is on.
		 * @param host the server host
		 * @param port the server port
		 * @return the connected client
		 * @throws PacketClientException if the connection fails or times out
		 */
		public PacketClient connect(String host, int port) {
			EventLoopGroup group = this.group;
			EventLoopGroup ownedGroup = null;
			if (group == null) {
				ownedGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("packnet-client", true),
						NioIoHandler.newFactory());
				group = ownedGroup;
			}
			BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
			Consumer<byte[]> onFrame = this.onFrame;
			FrameEncoder frameEncoder = new FrameEncoder(this.protocol);
			PacketProtocol protocol = this.protocol;
			SslContext sslContext = this.sslContext;
			Bootstrap bootstrap = new Bootstrap().group(group)
				.channel(this.channelType)
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.connectTimeout.toMillis())
				.handler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel channel) {
						if (sslContext != null) {
							// host and port give SNI and the name the server's certificate must match
							channel.pipeline().addLast("packnet.ssl", sslContext.newHandler(channel.alloc(), host, port));
						}
						channel.pipeline()
							.addLast("packnet.frameDecoder", new FrameDecoder(protocol))
							.addLast("packnet.frameEncoder", frameEncoder)
							.addLast("packnet.client", new ReceiveHandler(received, onFrame));
					}
				});
			long deadline = System.nanoTime() + this.connectTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
			Future<?> future = bootstrap.connect(new InetSocketAddress(host, port));
			Channel channel = ((ChannelFuture) future).channel();
			if (future.awaitUninterruptibly(remainingMillis(deadline)) && future.isSuccess() && sslContext != null) {
				// the handshake shares the connect timeout; a failed handshake fails the connect
				future = channel.pipeline().get(SslHandler.class).handshakeFuture();
				future.awaitUninterruptibly(remainingMillis(deadline));
			}
			if (!future.isDone() || !future.isSuccess()) {
				channel.close();
				if (ownedGroup != null) {
					ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
				}
				Throwable cause = future.cause();
				throw new PacketClientException("Could not connect to " + host + ":" + port + " within "
						+ this.connectTimeout + ((cause != null) ? ": " + cause.getMessage() : ""), cause);
			}
			return new PacketClient(channel, this.encoder, ownedGroup, received);
		}

	}

	private static long remainingMillis(long deadlineNanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
	}

	/** Hands frames to the callback or the queue; pauses reading while the queue is full. */
	private static final class ReceiveHandler extends SimpleChannelInboundHandler<ByteBuf> {

		private final BlockingQueue<byte[]> received;

		private final @Nullable Consumer<byte[]> onFrame;

		ReceiveHandler(BlockingQueue<byte[]> received, @Nullable Consumer<byte[]> onFrame) {
			this.received = received;
			this.onFrame = onFrame;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
			byte[] payload = ByteBufUtil.getBytes(frame);
			if (this.onFrame != null) {
				this.onFrame.accept(payload);
				return;
			}
			this.received.add(payload);
			if (this.received.size() >= RECEIVE_QUEUE_HIGH) {
				ctx.channel().config().setAutoRead(false);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
