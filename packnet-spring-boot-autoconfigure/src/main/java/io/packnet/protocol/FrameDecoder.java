package io.packnet.protocol;

import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts inbound bytes into frames with a {@link PacketProtocol}. Stateful (it holds the partial
 * frame), so one instance per connection. After a bad frame it discards all further input: the
 * session is closing and nothing more from this peer is trusted.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

	private final PacketProtocol protocol;

	private boolean failed;

	/**
	 * Creates a decoder for one connection.
	 * @param protocol the framing
	 */
	public FrameDecoder(PacketProtocol protocol) {
		this.protocol = Objects.requireNonNull(protocol, "protocol");
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return;
		}
		try {
			ByteBuf frame = this.protocol.decode(in);
			if (frame != null) {
				out.add(frame);
			}
		}
		catch (RuntimeException ex) {
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
	}

}
