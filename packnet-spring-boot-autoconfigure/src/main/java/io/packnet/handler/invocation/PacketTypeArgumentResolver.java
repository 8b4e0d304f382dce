package io.packnet.handler.invocation;

import io.packnet.handler.PacketType;
import org.springframework.core.MethodParameter;

/**
 * Resolves {@link PacketType @PacketType} parameters: {@code int}/{@code Integer} as read,
 * {@code long}/{@code Long} as the unsigned value.
 */
public final class PacketTypeArgumentResolver implements PreparedArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(PacketType.class);
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (type == int.class || type == Integer.class) {
			return (packet, exception) -> packet.type();
		}
		if (type == long.class || type == Long.class) {
			return (packet, exception) -> Integer.toUnsignedLong(packet.type());
		}
		throw new IllegalStateException("@PacketType needs an int, Integer, long or Long parameter, not "
				+ type.getSimpleName());
	}

}
