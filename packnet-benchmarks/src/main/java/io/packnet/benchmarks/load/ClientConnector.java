package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import io.packnet.benchmarks.transport.Transport;

/**
 * Opens many client connections with a bounded number of connects in flight, so that a server's accept
 * backlog is never overrun, and with an overall deadline.
 */
final class ClientConnector {

	/** Connects in flight at once; well below the servers' accept backlog of 1024. */
	static final int MAX_PENDING_CONNECTS = 256;

	private final Bootstrap template;

	ClientConnector(EventLoopGroup group, Transport transport, Duration connectTimeout) {
		Objects.requireNonNull(group, "group");
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		this.template = new Bootstrap().group(group)
			.channel(transport.socketChannelType())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
	}

	/**
	 * Opens {@code count} connections to {@code address}; connection {@code i} gets the handler
	 * {@code handlerFor.apply(i)} (usually a {@code ChannelInitializer}).
	 * @throws LoadFailedException if any connection fails or the deadline passes; opened ones are closed
	 */
	List<Channel> connect(InetSocketAddress address, int count, IntFunction<ChannelHandler> handlerFor,
			Duration timeout) throws InterruptedException {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(handlerFor, "handlerFor");
		long deadline = System.nanoTime() + timeout.toNanos();
		Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
		List<ChannelFuture> futures = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				if (!pending.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
					throw new LoadFailedException("Timed out after " + timeout + " opening connections to " + address
							+ ": " + i + " of " + count + " started");
				}
				ChannelFuture future = template.clone().handler(handlerFor.apply(i)).connect(address);
				future.addListener(f -> pending.release());
				futures.add(future);
			}
			List<Channel> channels = new ArrayList<>(count);
			for (int i = 0; i < futures.size(); i++) {
				ChannelFuture future = futures.get(i);
				if (!future.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
					throw new LoadFailedException("Timed out after " + timeout + " connecting to " + address
							+ " (connection #" + i + ")");
				}
				if (!future.isSuccess()) {
					throw new LoadFailedException("Connection #" + i + " to " + address + " failed: " + future.cause(),
							future.cause());
				}
				channels.add(future.channel());
			}
			return channels;
		}
		catch (InterruptedException | RuntimeException ex) {
			futures.forEach(f -> f.channel().close());
			throw ex;
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

}
