package io.packnet.handler.invocation;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.PayloadCodec;
import io.packnet.codec.PayloadCodecException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * Resolves the payload, the catch-all that comes last: {@code ByteBuf} (the buffer itself, no copy),
 * {@code byte[]} (one copy), {@code ByteBuffer} (a view where possible), {@code String} (UTF-8), or
 * any type a {@link PayloadCodec} decodes, the codec chosen once per parameter.
 */
public final class PayloadArgumentResolver implements PreparedArgumentResolver {

	private final MessageEncoder encoder;

	/**
	 * Creates a resolver.
	 * @param encoder supplies the codecs, in order
	 */
	public PayloadArgumentResolver(MessageEncoder encoder) {
		this.encoder = Objects.requireNonNull(encoder, "encoder");
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return isRaw(type) || codecFor(type) != null;
	}

	private static boolean isRaw(Class<?> type) {
		return type == ByteBuf.class || type == byte[].class || type == ByteBuffer.class || type == String.class
				|| type == CharSequence.class;
	}

	private @Nullable PayloadCodec codecFor(Class<?> type) {
		if (type.isPrimitive()) {
			return null;
		}
		try {
			return this.encoder.codecFor(type);
		}
		catch (PayloadCodecException ex) {
			return null;
		}
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (type == ByteBuf.class) {
			return (packet, exception) -> packet.payload();
		}
		if (type == byte[].class) {
			return (packet, exception) -> ByteBufUtil.getBytes(packet.payload());
		}
		if (type == ByteBuffer.class) {
			return (packet, exception) -> packet.payload().nioBuffer();
		}
		if (type == String.class || type == CharSequence.class) {
			return (packet, exception) -> packet.payload().toString(StandardCharsets.UTF_8);
		}
		PayloadCodec codec = codecFor(type);
		if (codec == null) {
			throw new IllegalStateException("no PayloadCodec decodes " + type.getName());
		}
		Type targetType = parameter.getGenericParameterType();
		return (packet, exception) -> {
			ByteBuf payload = packet.payload();
			int readerIndex = payload.readerIndex();
			try {
				return codec.decode(payload, targetType);
			}
			finally {
				payload.readerIndex(readerIndex);
			}
		};
	}

}
