package io.packnet.benchmarks.server;

import java.util.Objects;

import io.netty.channel.EventLoopGroup;

/**
 * The baseline echo server: plain Netty with {@code LengthFieldBasedFrameDecoder} and
 * {@code LengthFieldPrepender}, writing in {@code channelRead} and flushing in {@code channelReadComplete}
 * — the minimal hand-written ceiling every other server is compared with.
 */
public final class RawNettyEchoServer {

	static final String FRAME_DECODER = "frameDecoder";

	static final String FRAME_PREPENDER = "framePrepender";

	static final String ECHO = "echo";

	private RawNettyEchoServer() {
	}

	/** Starts the server as the harness does: options from {@code args}, control over stdin/stdout. */
	public static void main(String[] args) throws Exception {
		ServerControl.serve(start(ServerOptions.parse(args)), System.in, System.out);
	}

	/** Binds an echo server; close the result to stop it. */
	public static RunningServer start(ServerOptions options) throws InterruptedException {
		Objects.requireNonNull(options, "options");
		EventLoopGroup workers = options.transport().newEventLoopGroup(options.ioThreads(), "echo-io");
		EchoHandler echo = new EchoHandler();
		return NettyServer.bind(options, "echo", workers, pipeline -> pipeline
			// framing in (payload out of the length prefix), framing out, then echo
			.addLast(FRAME_DECODER, options.lengthPrefix().newDecoder(options.maxPayloadSize()))
			.addLast(FRAME_PREPENDER, options.lengthPrefix().newPrepender())
			.addLast(ECHO, echo));
	}

}
