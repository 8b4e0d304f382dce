package io.packnet.protocol;

import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Frames outbound payloads with a {@link PacketProtocol}: the header (and trailer) go out as their
 * own buffers next to the payload, so the payload is never copied. Stateless, so shared.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<ByteBuf> {

	private final PacketProtocol protocol;

	/**
	 * Creates an encoder.
	 * @param protocol the framing
	 */
	public FrameEncoder(PacketProtocol protocol) {
		super(ByteBuf.class);
		this.protocol = Objects.requireNonNull(protocol, "protocol");
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
		// the superclass releases payload after this call; the protocol takes its own reference
		this.protocol.encode(ctx.alloc(), payload.retain(), out);
	}

}
