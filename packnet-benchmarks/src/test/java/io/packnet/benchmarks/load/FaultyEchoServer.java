package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;

/** An in-process echo server that misbehaves once, on frame {@code faultAt} of every connection. */
final class FaultyEchoServer implements AutoCloseable {

	/** What goes wrong. */
	enum Fault {

		/** Frame N is never echoed. */
		DROP,

		/** Frames N and N+1 are echoed in swapped order. */
		SWAP,

		/** One byte at the end of frame N is flipped. */
		CORRUPT,

		/** Frame N is echoed twice. */
		DUPLICATE,

		/** The connection is closed instead of echoing frame N. */
		CLOSE

	}

	private final EventLoopGroup group;

	private final Channel serverChannel;

	FaultyEchoServer(Fault fault, long faultAt) throws InterruptedException {
		this.group = Transport.NIO.newEventLoopGroup(1, "faulty-echo");
		LengthPrefix prefix = LengthPrefix.DEFAULT;
		this.serverChannel = new ServerBootstrap().group(group)
			.channel(Transport.NIO.serverChannelType())
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(prefix.newDecoder(1 << 20))
						.addLast(prefix.newPrepender())
						.addLast(new FaultyEcho(fault, faultAt));
				}
			})
			.bind("127.0.0.1", 0)
			.sync()
			.channel();
	}

	InetSocketAddress address() {
		return (InetSocketAddress) serverChannel.localAddress();
	}

	@Override
	public void close() {
		serverChannel.close().awaitUninterruptibly(5000);
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
	}

	/** Per connection: counts frames to find frame N. */
	private static final class FaultyEcho extends ChannelInboundHandlerAdapter {

		private final Fault fault;

		private final long faultAt;

		private long frames;

		private @Nullable ByteBuf held;

		FaultyEcho(Fault fault, long faultAt) {
			this.fault = fault;
			this.faultAt = faultAt;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			long index = frames++;
			if (index != faultAt && index != faultAt + 1) {
				ctx.write(frame);
				return;
			}
			switch (fault) {
				case DROP -> {
					if (index == faultAt) {
						frame.release();
					}
					else {
						ctx.write(frame);
					}
				}
				case SWAP -> {
					if (index == faultAt) {
						held = frame;
					}
					else {
						ctx.write(frame);
						ctx.write(held);
						held = null;
					}
				}
				case CORRUPT -> {
					if (index == faultAt) {
						int last = frame.writerIndex() - 1;
						frame.setByte(last, frame.getByte(last) ^ 0x5A);
					}
					ctx.write(frame);
				}
				case DUPLICATE -> {
					if (index == faultAt) {
						ctx.write(frame.retainedDuplicate());
					}
					ctx.write(frame);
				}
				case CLOSE -> {
					frame.release();
					ctx.close();
				}
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (held != null) {
				held.release();
				held = null;
			}
		}

	}

}
