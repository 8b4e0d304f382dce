package io.packnet.handler;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * Resolves a handler method parameter from an inbound packet. Beans of this type are consulted
 * after the built-in resolvers ({@code Session}, {@code Principal}, {@code @PacketType}, {@code @SessionAttribute})
 * and before the payload, which takes any parameter left. The resolver is chosen once per
 * parameter at startup.
 */
public interface PacketArgumentResolver {

	/**
	 * Tells whether this resolver supplies the parameter; called once per parameter at startup.
	 * @param parameter the parameter
	 * @return {@code true} to resolve it on every call
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * Resolves the argument for one call.
	 * @param parameter the parameter
	 * @param packet the packet being handled; do not move its payload's reader index
	 * @return the argument
	 * @throws Exception handled like an exception of the handler method
	 */
	@Nullable Object resolveArgument(MethodParameter parameter, InboundPacket packet) throws Exception;

}
