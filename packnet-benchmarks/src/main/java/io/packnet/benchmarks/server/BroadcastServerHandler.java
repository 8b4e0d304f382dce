package io.packnet.benchmarks.server;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.packnet.benchmarks.wire.BroadcastWire;
import io.packnet.benchmarks.wire.LengthPrefix;

/**
 * Serves the broadcast convention: {@code JOIN} adds the connection to the group and is acknowledged;
 * {@code BROADCAST} is framed once and delivered to every other member. Stateless per channel, so shared.
 */
@ChannelHandler.Sharable
final class BroadcastServerHandler extends ChannelInboundHandlerAdapter {

	private final LengthPrefix lengthPrefix;

	private final LoopPartitionedGroup group;

	BroadcastServerHandler(LengthPrefix lengthPrefix, LoopPartitionedGroup group) {
		this.lengthPrefix = Objects.requireNonNull(lengthPrefix, "lengthPrefix");
		this.group = Objects.requireNonNull(group, "group");
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf payload = (ByteBuf) msg;
		try {
			byte opcode = payload.isReadable() ? payload.getByte(payload.readerIndex()) : 0;
			switch (opcode) {
				case BroadcastWire.JOIN -> {
					group.join(ctx.channel());
					ctx.writeAndFlush(encode(ctx, payload.slice(payload.readerIndex(), BroadcastWire.JOIN_PAYLOAD_SIZE)),
							ctx.voidPromise());
				}
				case BroadcastWire.BROADCAST -> group.broadcast(encode(ctx, payload), ctx.channel());
				default -> {
					System.err.println("Protocol error: opcode " + opcode + " from " + ctx.channel() + "; closing");
					ctx.close();
				}
			}
		}
		finally {
			payload.release();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	/** The complete frame, length prefix included: encoded once, then shared by every member. */
	private ByteBuf encode(ChannelHandlerContext ctx, ByteBuf payload) {
		int length = payload.readableBytes();
		ByteBuf frame = ctx.alloc().buffer(lengthPrefix.size() + length);
		lengthPrefix.writeLength(frame, length);
		return frame.writeBytes(payload, payload.readerIndex(), length);
	}

}
