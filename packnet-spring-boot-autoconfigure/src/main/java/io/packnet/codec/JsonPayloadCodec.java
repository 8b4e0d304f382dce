package io.packnet.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * A {@link PayloadCodec} for JSON with a Jackson 3 {@link ObjectMapper}: records and POJOs in and
 * out. Accepts every object type, so it is ordered last and codecs of the application (protobuf,
 * MessagePack) take the types they support first.
 */
public final class JsonPayloadCodec implements PayloadCodec {

	private final ObjectMapper mapper;

	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * Creates a codec.
	 * @param mapper the mapper, usually the application's own
	 */
	public JsonPayloadCodec(ObjectMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Returns the mapper.
	 * @return the mapper
	 */
	public ObjectMapper mapper() {
		return this.mapper;
	}

	@Override
	public boolean supports(Class<?> type) {
		return !type.isPrimitive() && type != byte[].class && !ByteBuf.class.isAssignableFrom(type)
				&& !ByteBuffer.class.isAssignableFrom(type) && !CharSequence.class.isAssignableFrom(type);
	}

	@Override
	public Object decode(ByteBuf payload, Type targetType) {
		ObjectReader reader = this.readers.computeIfAbsent(targetType,
				(type) -> this.mapper.readerFor(this.mapper.constructType(type)));
		try {
			if (payload.hasArray()) {
				return reader.readValue(payload.array(), payload.arrayOffset() + payload.readerIndex(),
						payload.readableBytes());
			}
			return reader.readValue((InputStream) new ByteBufInputStream(payload));
		}
		catch (JacksonException ex) {
			throw new PayloadCodecException("Invalid JSON for " + targetType.getTypeName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public void encode(Object value, ByteBuf out) {
		try {
			this.mapper.writeValue((OutputStream) new ByteBufOutputStream(out), value);
		}
		catch (JacksonException ex) {
			throw new PayloadCodecException("Cannot write " + value.getClass().getName() + " as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
