package io.packnet.handler;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.packnet.codec.MessageEncoder;
import io.packnet.session.ChannelSession;
import io.packnet.session.Session;

/**
 * One routed frame on its way to a handler method: the session, the message type, the payload after
 * the type field, and how to reply. What argument resolvers and return value handlers work from.
 */
public final class InboundPacket {

	private final Session session;

	private final int type;

	private final ByteBuf payload;

	private final int replyType;

	private final MessageEncoder encoder;

	/**
	 * Where the payload started when the packet was made, if the encoder's type field, holding
	 * {@link #type}, precedes it in the buffer; else -1.
	 */
	private final int typedPayloadStart;

	/**
	 * Creates a packet.
	 * @param session the session the frame arrived on
	 * @param type the message type (0 when routing is off)
	 * @param payload the payload after the type field; owned by the caller
	 * @param replyType the message type replies carry
	 * @param encoder encodes replies
	 */
	public InboundPacket(Session session, int type, ByteBuf payload, int replyType, MessageEncoder encoder) {
		this(session, type, payload, replyType, encoder, false);
	}

	/**
	 * Creates a packet.
	 * @param typePrefixed whether the encoder's type field, holding {@code type}, precedes the payload
	 * in its buffer (the type-field router read it), so that echoing the payload with the same type can
	 * send the received bytes as they are
	 */
	InboundPacket(Session session, int type, ByteBuf payload, int replyType, MessageEncoder encoder,
			boolean typePrefixed) {
		this.session = Objects.requireNonNull(session, "session");
		this.type = type;
		this.payload = Objects.requireNonNull(payload, "payload");
		this.replyType = replyType;
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.typedPayloadStart = typePrefixed ? payload.readerIndex() : -1;
	}

	/**
	 * Returns the session the frame arrived on.
	 * @return the session
	 */
	public Session session() {
		return this.session;
	}

	/**
	 * Returns the message type.
	 * @return the type, unsigned in an int (0 when routing is off)
	 */
	public int type() {
		return this.type;
	}

	/**
	 * Returns the payload after the type field. Valid only until the handler returns; resolvers
	 * must not move its reader index ({@code retain()} it to keep it longer).
	 * @return the payload
	 */
	public ByteBuf payload() {
		return this.payload;
	}

	/**
	 * Returns the message type that replies carry.
	 * @return the reply type
	 */
	public int replyType() {
		return this.replyType;
	}

	/**
	 * Sends a reply on the session: {@code byte[]}, {@code ByteBuf} (ownership passes to the
	 * session), {@code ByteBuffer}, {@code String} or an object a codec encodes, preceded by
	 * {@link #replyType()} when payloads carry a type field. Fire-and-forget: overflow follows the
	 * session's policy.
	 * @param message the reply
	 * @throws io.packnet.codec.PayloadCodecException if no codec encodes the message
	 */
	public void reply(Object message) {
		reply(message, this.replyType);
	}

	/**
	 * Sends a reply with an explicit message type (ignored when payloads carry no type field).
	 * @param message the reply, as for {@link #reply(Object)}
	 * @param type the reply's message type
	 */
	public void reply(Object message, int type) {
		Objects.requireNonNull(message, "message");
		boolean typed = this.encoder.typeField().isPresent();
		if (message == this.payload) {
			// echoing the inbound buffer: the dispatcher still releases its own reference
			if (typed && type == this.type && this.typedPayloadStart >= 0
					&& this.payload.readerIndex() == this.typedPayloadStart
					&& this.session instanceof ChannelSession channelSession) {
				// the same type field is still in front of the payload: send the received bytes as they are
				int typeSize = this.encoder.typeField().size();
				channelSession.sendPayload(this.payload.retainedSlice(this.typedPayloadStart - typeSize,
						typeSize + this.payload.readableBytes()));
				return;
			}
			this.payload.retain();
		}
		if (this.session instanceof ChannelSession channelSession) {
			ByteBuf out = typed ? this.encoder.encode(channelSession.channel().alloc(), type, message)
					: this.encoder.encode(channelSession.channel().alloc(), message);
			channelSession.sendPayload(out);
		}
		else if (typed) {
			this.session.send(type, message);
		}
		else {
			this.session.send(message);
		}
	}

	/**
	 * Returns this packet without its payload, for work that outlives the frame (a
	 * {@code CompletionStage} that fails after the handler returned).
	 * @return a copy with an empty payload
	 */
	public InboundPacket withoutPayload() {
		return new InboundPacket(this.session, this.type, Unpooled.EMPTY_BUFFER, this.replyType, this.encoder);
	}

	/**
	 * Returns this packet with another reply type, for an exception handler that answers with its own.
	 * @param replyType the reply type
	 * @return a copy sharing the payload
	 */
	public InboundPacket withReplyType(int replyType) {
		return new InboundPacket(this.session, this.type, this.payload, replyType, this.encoder,
				this.typedPayloadStart >= 0);
	}

	@Override
	public String toString() {
		return "InboundPacket[session=" + this.session.id() + ", type=" + Integer.toUnsignedString(this.type)
				+ ", bytes=" + this.payload.readableBytes() + "]";
	}

}
