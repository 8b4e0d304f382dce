package io.packnet.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;

/**
 * Turns an outbound message into a frame payload: {@code byte[]}, {@code ByteBuf} (sent as is, no
 * copy), {@code ByteBuffer}, {@code String} (UTF-8) or any object a {@link PayloadCodec} supports,
 * optionally preceded by a {@link TypeField}. Used by sessions, handler replies and broadcasts alike.
 */
public final class MessageEncoder {

	private final TypeField typeField;

	private final List<PayloadCodec> codecs;

	/**
	 * Creates an encoder.
	 * @param typeField the type field written before typed messages
	 * @param codecs the codecs for objects, in order of preference
	 */
	public MessageEncoder(TypeField typeField, List<PayloadCodec> codecs) {
		this.typeField = Objects.requireNonNull(typeField, "typeField");
		this.codecs = List.copyOf(codecs);
	}

	/**
	 * Returns an encoder for bytes and strings only, without a type field.
	 * @return a plain encoder
	 */
	public static MessageEncoder plain() {
		return new MessageEncoder(TypeField.NONE, List.of());
	}

	/**
	 * Returns the type field this encoder writes.
	 * @return the type field
	 */
	public TypeField typeField() {
		return this.typeField;
	}

	/**
	 * Encodes a message without a type field.
	 * @param alloc the allocator
	 * @param message the message; a {@code ByteBuf} is passed through and its ownership transferred
	 * @return the payload, owned by the caller
	 * @throws PayloadCodecException if no codec supports the message's type
	 */
	public ByteBuf encode(ByteBufAllocator alloc, Object message) {
		return encode(alloc, false, 0, message);
	}

	/**
	 * Encodes a message preceded by a type field.
	 * @param alloc the allocator
	 * @param type the message type
	 * @param message the message; a {@code ByteBuf} is passed through and its ownership transferred
	 * @return the payload, owned by the caller
	 * @throws IllegalStateException if no type field is configured
	 * @throws PayloadCodecException if no codec supports the message's type
	 */
	public ByteBuf encode(ByteBufAllocator alloc, int type, Object message) {
		if (!this.typeField.isPresent()) {
			releaseIfBuffer(message);
			throw new IllegalStateException(
					"Cannot send message type " + type + ": packnet.routing.type-field-size is 0");
		}
		return encode(alloc, true, type, message);
	}

	private ByteBuf encode(ByteBufAllocator alloc, boolean typed, int type, Object message) {
		Objects.requireNonNull(message, "message");
		int prefix = typed ? this.typeField.size() : 0;
		if (message instanceof ByteBuf buf) {
			if (!typed) {
				return buf;
			}
			ByteBuf header = alloc.ioBuffer(prefix);
			try {
				this.typeField.write(header, type);
			}
			catch (RuntimeException ex) {
				header.release();
				buf.release();
				throw ex;
			}
			CompositeByteBuf composite = alloc.compositeBuffer(2);
			return composite.addComponents(true, header, buf);
		}
		ByteBuf out;
		if (message instanceof byte[] bytes) {
			out = alloc.ioBuffer(prefix + bytes.length);
			writeType(out, typed, type);
			out.writeBytes(bytes);
		}
		else if (message instanceof CharSequence text) {
			out = alloc.ioBuffer(prefix + ByteBufUtil.utf8MaxBytes(text));
			writeType(out, typed, type);
			out.writeCharSequence(text, StandardCharsets.UTF_8);
		}
		else if (message instanceof ByteBuffer buffer) {
			out = alloc.ioBuffer(prefix + buffer.remaining());
			writeType(out, typed, type);
			out.writeBytes(buffer.duplicate());
		}
		else {
			PayloadCodec codec = codecFor(message.getClass());
			out = alloc.ioBuffer();
			writeType(out, typed, type);
			try {
				codec.encode(message, out);
			}
			catch (RuntimeException ex) {
				out.release();
				throw (ex instanceof PayloadCodecException) ? ex
						: new PayloadCodecException("Failed to encode " + message.getClass().getName(), ex);
			}
		}
		return out;
	}

	private void writeType(ByteBuf out, boolean typed, int type) {
		if (typed) {
			try {
				this.typeField.write(out, type);
			}
			catch (RuntimeException ex) {
				out.release();
				throw ex;
			}
		}
	}

	/**
	 * Finds the codec for a type.
	 * @param type the value type
	 * @return the first codec that supports it
	 * @throws PayloadCodecException if none does
	 */
	public PayloadCodec codecFor(Class<?> type) {
		for (PayloadCodec codec : this.codecs) {
			if (codec.supports(type)) {
				return codec;
			}
		}
		throw new PayloadCodecException("No PayloadCodec supports " + type.getName()
				+ "; send byte[], ByteBuf, ByteBuffer or String, or add a PayloadCodec bean (Jackson on the classpath adds a JSON codec)");
	}

	private static void releaseIfBuffer(Object message) {
		if (message instanceof ByteBuf buf) {
			buf.release();
		}
	}

}
