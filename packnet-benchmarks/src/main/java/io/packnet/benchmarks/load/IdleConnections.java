package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;

import io.packnet.benchmarks.transport.Transport;

/**
 * Many open connections that send nothing, for measuring what an idle connection costs a server.
 * Close it to drop them all.
 */
public final class IdleConnections implements AutoCloseable {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private final EventLoopGroup group;

	private final InetSocketAddress server;

	private final ClientConnector connector;

	private final List<Channel> channels = new ArrayList<>();

	private final AtomicInteger closedByServer = new AtomicInteger();

	private final ChannelHandler watcher = new ClosedByServerCounter(closedByServer);

	private IdleConnections(InetSocketAddress server, Transport transport, Duration connectTimeout) {
		this.server = server;
		this.group = transport.newEventLoopGroup(1, "idle-clients");
		this.connector = new ClientConnector(group, transport, connectTimeout);
	}

	/** No connections yet to {@code server}; {@link #open(int, Duration)} adds them. */
	public static IdleConnections to(InetSocketAddress server, Transport transport, Duration connectTimeout) {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		return new IdleConnections(server, transport, connectTimeout);
	}

	/**
	 * Opens {@code count} more idle connections within {@code timeout}. A connect completes once the
	 * server's kernel has queued it, before the server accepted it, so callers opening thousands should
	 * open them in batches and wait for the server to catch up in between.
	 * @throws LoadFailedException if any connection cannot be opened in time
	 */
	public void open(int count, Duration timeout) throws InterruptedException {
		channels.addAll(connector.connect(server, count, i -> watcher, timeout));
	}

	public int size() {
		return channels.size();
	}

	/** Connections the server closed (or that failed) while they were meant to stay open. */
	public int closedByServer() {
		return closedByServer.get();
	}

	@Override
	public void close() throws InterruptedException {
		group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.await(SHUTDOWN_TIMEOUT.toMillis() * 2);
	}

	/** Counts connections that close before the client closes them; stateless, so shared. */
	@ChannelHandler.Sharable
	private static final class ClosedByServerCounter extends ChannelInboundHandlerAdapter {

		private final AtomicInteger closed;

		ClosedByServerCounter(AtomicInteger closed) {
			this.closed = closed;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ReferenceCountUtil.release(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!ctx.executor().isShuttingDown()) {
				closed.incrementAndGet();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
