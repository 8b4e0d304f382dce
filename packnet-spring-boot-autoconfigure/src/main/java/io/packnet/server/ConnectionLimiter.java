package io.packnet.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Enforces {@code max-connections} and {@code max-connections-per-ip} at accept time, before a
 * connection gets a pipeline or becomes a session. A limit of 0 means unlimited.
 */
final class ConnectionLimiter {

	private final int maxConnections;

	private final int maxConnectionsPerIp;

	private final AtomicInteger connections = new AtomicInteger();

	private final ConcurrentMap<InetAddress, Integer> connectionsPerIp = new ConcurrentHashMap<>();

	ConnectionLimiter(int maxConnections, int maxConnectionsPerIp) {
		this.maxConnections = maxConnections;
		this.maxConnectionsPerIp = maxConnectionsPerIp;
	}

	/**
	 * Admits a connection, releasing its slots when it closes.
	 * @param channel the accepted connection
	 * @return {@code false} if a limit is reached (the caller closes the connection)
	 */
	boolean tryAcquire(Channel channel) {
		if (this.maxConnections > 0 && this.connections.incrementAndGet() > this.maxConnections) {
			this.connections.decrementAndGet();
			return false;
		}
		InetAddress address = addressOf(channel.remoteAddress());
		if (this.maxConnectionsPerIp > 0 && address != null) {
			// merge() and computeIfPresent() update one address atomically, so a count never outlives its map entry
			int count = this.connectionsPerIp.merge(address, 1, Integer::sum);
			if (count > this.maxConnectionsPerIp) {
				releaseAddress(address);
				releaseTotal();
				return false;
			}
			channel.closeFuture().addListener((future) -> {
				releaseAddress(address);
				releaseTotal();
			});
			return true;
		}
		channel.closeFuture().addListener((future) -> releaseTotal());
		return true;
	}

	private void releaseTotal() {
		if (this.maxConnections > 0) {
			this.connections.decrementAndGet();
		}
	}

	private void releaseAddress(InetAddress address) {
		this.connectionsPerIp.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

	private static @Nullable InetAddress addressOf(SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet.getAddress() : null;
	}

}
