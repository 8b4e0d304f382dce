package io.packnet.codec;

import java.lang.reflect.Type;

import io.netty.buffer.ByteBuf;

/**
 * Converts application objects to and from frame payloads: JSON, protobuf, MessagePack, or anything
 * else. packnet has no opinion on the payload format; bytes, {@code ByteBuf}, {@code ByteBuffer} and
 * {@code String} never go through a codec. Codec beans are asked in order; the first that
 * {@link #supports(Class) supports} a type handles it.
 */
public interface PayloadCodec {

	/**
	 * Tells whether this codec reads and writes values of {@code type}.
	 * @param type the value's class
	 * @return {@code true} if {@link #decode} and {@link #encode} handle it
	 */
	boolean supports(Class<?> type);

	/**
	 * Reads a value from a payload.
	 * @param payload the payload; valid only during the call
	 * @param targetType the type to produce (may be generic)
	 * @return the value
	 * @throws PayloadCodecException if the payload cannot be read as {@code targetType}
	 */
	Object decode(ByteBuf payload, Type targetType);

	/**
	 * Writes a value into a payload.
	 * @param value the value
	 * @param out the buffer to append to
	 * @throws PayloadCodecException if the value cannot be written
	 */
	void encode(Object value, ByteBuf out);

}
