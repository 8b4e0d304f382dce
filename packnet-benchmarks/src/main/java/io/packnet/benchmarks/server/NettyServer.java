package io.packnet.benchmarks.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * A bound raw Netty server: one acceptor thread, {@code ioThreads} worker loops, a connection counter in
 * front of the pipeline that {@code pipelineTail} completes.
 */
final class NettyServer implements RunningServer {

	static final String CONNECTION_COUNTER = "connectionCounter";

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private final EventLoopGroup acceptor;

	private final EventLoopGroup workers;

	private final Channel serverChannel;

	private final ConnectionCounter counter;

	private NettyServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel serverChannel,
			ConnectionCounter counter) {
		this.acceptor = acceptor;
		this.workers = workers;
		this.serverChannel = serverChannel;
		this.counter = counter;
	}

	/** Binds a server whose child pipelines start with the connection counter and continue with {@code pipelineTail}. */
	static NettyServer bind(ServerOptions options, String name, EventLoopGroup workers,
			Consumer<ChannelPipeline> pipelineTail) throws InterruptedException {
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(pipelineTail, "pipelineTail");
		EventLoopGroup acceptor = options.transport().newEventLoopGroup(1, name + "-accept");
		ConnectionCounter counter = new ConnectionCounter();
		try {
			Channel channel = new ServerBootstrap().group(acceptor, workers)
				.channel(options.transport().serverChannelType())
				.option(ChannelOption.SO_BACKLOG, ServerOptions.BACKLOG)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline().addLast(CONNECTION_COUNTER, counter);
						pipelineTail.accept(ch.pipeline());
					}
				})
				.bind(options.host(), options.port())
				.sync()
				.channel();
			return new NettyServer(acceptor, workers, channel, counter);
		}
		catch (InterruptedException | RuntimeException ex) {
			acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			throw ex;
		}
	}

	@Override
	public int port() {
		return ((InetSocketAddress) serverChannel.localAddress()).getPort();
	}

	@Override
	public int openConnections() {
		return counter.open();
	}

	@Override
	public void close() {
		serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
		acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
	}

}
