package io.packnet.benchmarks.server;

import java.util.Objects;

import io.netty.channel.EventLoopGroup;

/**
 * The baseline broadcast server: plain Netty, each broadcast frame encoded once and shared with
 * {@code retainedDuplicate()}, writes grouped by event loop. Implements the broadcast convention of
 * {@link io.packnet.benchmarks.wire}.
 */
public final class RawNettyBroadcastServer {

	static final String FRAME_DECODER = "frameDecoder";

	static final String BROADCAST = "broadcast";

	private RawNettyBroadcastServer() {
	}

	/** Starts the server as the harness does: options from {@code args}, control over stdin/stdout. */
	public static void main(String[] args) throws Exception {
		ServerControl.serve(start(ServerOptions.parse(args)), System.in, System.out);
	}

	/** Binds a broadcast server; close the result to stop it. */
	public static RunningServer start(ServerOptions options) throws InterruptedException {
		Objects.requireNonNull(options, "options");
		EventLoopGroup workers = options.transport().newEventLoopGroup(options.ioThreads(), "broadcast-io");
		BroadcastServerHandler handler = new BroadcastServerHandler(options.lengthPrefix(), new LoopPartitionedGroup());
		// framing in only: outbound frames are encoded once by the handler, not per member by an encoder
		return NettyServer.bind(options, "broadcast", workers, pipeline -> pipeline
			.addLast(FRAME_DECODER, options.lengthPrefix().newDecoder(options.maxPayloadSize()))
			.addLast(BROADCAST, handler));
	}

}
