package io.packnet.benchmarks.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.packnet.benchmarks.wire.BroadcastWire;

/** A broken broadcast server for tests: besides broadcasting, it sends each broadcast back to its sender. */
public final class EchoingBroadcastServer {

	private EchoingBroadcastServer() {
	}

	public static RunningServer start(ServerOptions options) throws InterruptedException {
		BroadcastServerHandler broadcast = new BroadcastServerHandler(options.lengthPrefix(), new LoopPartitionedGroup());
		EchoToSender echo = new EchoToSender(options);
		return NettyServer.bind(options, "echoing-broadcast",
				options.transport().newEventLoopGroup(1, "echoing-broadcast-io"),
				pipeline -> pipeline.addLast(options.lengthPrefix().newDecoder(options.maxPayloadSize()))
					.addLast(echo)
					.addLast(broadcast));
	}

	/** Writes a framed copy of every BROADCAST back to the sender, then passes it on; stateless, so shared. */
	@ChannelHandler.Sharable
	private static final class EchoToSender extends ChannelInboundHandlerAdapter {

		private final ServerOptions options;

		EchoToSender(ServerOptions options) {
			this.options = options;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf payload = (ByteBuf) msg;
			if (payload.getByte(payload.readerIndex()) == BroadcastWire.BROADCAST) {
				ByteBuf copy = ctx.alloc().buffer();
				options.lengthPrefix().writeLength(copy, payload.readableBytes());
				copy.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
				ctx.writeAndFlush(copy);
			}
			ctx.fireChannelRead(msg);
		}

	}

}
