package io.packnet.server;

/**
 * The Netty transport that serves connections.
 */
public enum Transport {

	/** The best native transport that loads here (epoll, then io_uring), else NIO. */
	AUTO,

	/** Java NIO: works everywhere. */
	NIO,

	/** Linux epoll (native). */
	EPOLL,

	/** Linux io_uring (native, kernel 5.9+). */
	IO_URING;

	/**
	 * Returns the transport's name as configured ({@code auto}, {@code nio}, {@code epoll}, {@code io-uring}).
	 * @return the name
	 */
	public String displayName() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
