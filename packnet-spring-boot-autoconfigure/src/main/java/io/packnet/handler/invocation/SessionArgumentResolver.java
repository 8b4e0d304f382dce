package io.packnet.handler.invocation;

import io.packnet.handler.InboundPacket;
import io.packnet.session.Session;
import org.springframework.core.MethodParameter;

/**
 * Resolves {@link Session} (or {@code ChannelSession}) and {@link InboundPacket} parameters.
 */
public final class SessionArgumentResolver implements PreparedArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return Session.class.isAssignableFrom(type) || type == InboundPacket.class;
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		if (parameter.getParameterType() == InboundPacket.class) {
			return (packet, exception) -> packet;
		}
		return (packet, exception) -> packet.session();
	}

}
