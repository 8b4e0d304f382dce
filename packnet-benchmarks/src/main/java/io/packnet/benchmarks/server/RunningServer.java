package io.packnet.benchmarks.server;

import org.jspecify.annotations.Nullable;

/** A started server under test, as {@link ServerControl} sees it. */
public interface RunningServer extends AutoCloseable {

	/** The bound port. */
	int port();

	/** Connections currently open. */
	int openConnections();

	/** The cluster relay's state and counters, or {@code null} for a server without one. */
	default @Nullable RelayReport relay() {
		return null;
	}

	/** Stops accepting, closes every connection and waits for that, within a bounded time. */
	@Override
	void close();

}
