package io.packnet.handler.invocation;

import io.packnet.handler.InboundPacket;
import io.packnet.handler.PacketArgumentResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * A {@link PacketArgumentResolver} that binds itself to a parameter once, at startup, and then
 * resolves with no per-call decisions. The built-in resolvers are of this kind.
 */
public interface PreparedArgumentResolver extends PacketArgumentResolver {

	/**
	 * Binds this resolver to a parameter it {@link #supportsParameter supports}.
	 * @param parameter the parameter
	 * @return the argument source for every call
	 * @throws IllegalStateException if the parameter is declared in a way this resolver rejects
	 */
	ArgumentSource prepare(MethodParameter parameter);

	@Override
	default @Nullable Object resolveArgument(MethodParameter parameter, InboundPacket packet) throws Exception {
		return prepare(parameter).get(packet, null);
	}

}
