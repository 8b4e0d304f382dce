package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
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

	private final List<Channel> channels;

	private final AtomicInteger closedByServer;

	private IdleConnections(EventLoopGroup group, List<Channel> channels, AtomicInteger closedByServer) {
		this.group = group;
		this.channels = channels;
		this.closedByServer = closedByServer;
	}

	/**
	 * Opens {@code count} idle connections to {@code server} within {@code timeout}.
	 * @throws LoadFailedException if any connection cannot be opened in time
	 */
	public static IdleConnections open(InetSocketAddress server, int count, Transport transport, Duration timeout)
			throws InterruptedException {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(timeout, "timeout");
		EventLoopGroup group = transport.newEventLoopGroup(1, "idle-clients");
		AtomicInteger closedByServer = new AtomicInteger();
		ChannelHandler watcher = new ClosedByServerCounter(closedByServer);
		try {
			List<Channel> channels = new ClientConnector(group, transport, timeout).connect(server, count,
					i -> watcher, timeout);
			return new IdleConnections(group, channels, closedByServer);
		}
		catch (InterruptedException | RuntimeException ex) {
			group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			throw ex;
		}
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
