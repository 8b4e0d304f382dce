package io.packnet.benchmarks.server;

/** A started server under test, as {@link ServerControl} sees it. */
public interface RunningServer extends AutoCloseable {

	/** The bound port. */
	int port();

	/** Connections currently open. */
	int openConnections();

	/** Stops accepting, closes every connection and waits for that, within a bounded time. */
	@Override
	void close();

}
