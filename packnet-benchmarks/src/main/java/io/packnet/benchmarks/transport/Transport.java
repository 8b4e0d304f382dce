package io.packnet.benchmarks.transport;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport used by the load generator and the raw Netty servers.
 * {@code auto} picks native epoll when it is available and falls back to NIO.
 */
public enum Transport {

	/** Java NIO selectors: available everywhere. */
	NIO,

	/** Linux native epoll. */
	EPOLL;

	/** Parses {@code nio}, {@code epoll} or {@code auto}. */
	public static Transport parse(String name) {
		Objects.requireNonNull(name, "name");
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case "auto" -> Epoll.isAvailable() ? EPOLL : NIO;
			case "nio" -> NIO;
			case "epoll" -> {
				Epoll.ensureAvailability();
				yield EPOLL;
			}
			default -> throw new IllegalArgumentException("Unknown transport '" + name + "' (nio, epoll or auto)");
		};
	}

	/** An event loop group of {@code threads} threads (0 = Netty's default) named after {@code name}. */
	public EventLoopGroup newEventLoopGroup(int threads, String name) {
		Objects.requireNonNull(name, "name");
		ThreadFactory threadFactory = new DefaultThreadFactory(name, true);
		return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
	}

	public Class<? extends SocketChannel> socketChannelType() {
		return (this == EPOLL) ? EpollSocketChannel.class : NioSocketChannel.class;
	}

	public Class<? extends ServerSocketChannel> serverChannelType() {
		return (this == EPOLL) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	private IoHandlerFactory ioHandlerFactory() {
		return (this == EPOLL) ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
	}

}
