package io.packnet.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * A transport that is available here: its I/O handler factory and channel classes.
 *
 * @param transport the concrete transport (never {@code AUTO})
 * @param ioHandlerFactory creates the event loops' I/O handlers
 * @param serverChannelType the server socket channel class
 * @param socketChannelType the client socket channel class
 */
public record ResolvedTransport(Transport transport, IoHandlerFactory ioHandlerFactory,
		Class<? extends ServerChannel> serverChannelType, Class<? extends SocketChannel> socketChannelType) {

	/**
	 * Resolves a configured transport. {@code AUTO} picks epoll (Netty's most proven native
	 * transport), then io_uring, then NIO.
	 * @param transport the configured transport
	 * @return the available transport
	 * @throws IllegalStateException if a native transport was asked for and cannot load here
	 */
	public static ResolvedTransport resolve(Transport transport) {
		return switch (transport) {
			case NIO -> nio();
			case EPOLL -> {
				if (!Epoll.isAvailable()) {
					throw new IllegalStateException(
							"packnet.server.transport=epoll is not available here: " + Epoll.unavailabilityCause()
									+ " (allowed values: auto, nio, epoll, io-uring)",
							Epoll.unavailabilityCause());
				}
				yield epoll();
			}
			case IO_URING -> {
				if (!IoUring.isAvailable()) {
					throw new IllegalStateException(
							"packnet.server.transport=io-uring is not available here: " + IoUring.unavailabilityCause()
									+ " (allowed values: auto, nio, epoll, io-uring)",
							IoUring.unavailabilityCause());
				}
				yield ioUring();
			}
			case AUTO -> isAvailable(Transport.EPOLL) ? epoll() : isAvailable(Transport.IO_URING) ? ioUring() : nio();
		};
	}

	/**
	 * Tells whether a transport can load here.
	 * @param transport the transport
	 * @return {@code true} if it can be used
	 */
	public static boolean isAvailable(Transport transport) {
		try {
			return switch (transport) {
				case AUTO, NIO -> true;
				case EPOLL -> Epoll.isAvailable();
				case IO_URING -> IoUring.isAvailable();
			};
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	private static ResolvedTransport nio() {
		return new ResolvedTransport(Transport.NIO, NioIoHandler.newFactory(), NioServerSocketChannel.class,
				NioSocketChannel.class);
	}

	private static ResolvedTransport epoll() {
		return new ResolvedTransport(Transport.EPOLL, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
				EpollSocketChannel.class);
	}

	private static ResolvedTransport ioUring() {
		return new ResolvedTransport(Transport.IO_URING, IoUringIoHandler.newFactory(),
				IoUringServerSocketChannel.class, IoUringSocketChannel.class);
	}

	/**
	 * Returns the transport's name as configured ({@code nio}, {@code epoll}, {@code io-uring}).
	 * @return the name
	 */
	public String displayName() {
		return this.transport.displayName();
	}

}
