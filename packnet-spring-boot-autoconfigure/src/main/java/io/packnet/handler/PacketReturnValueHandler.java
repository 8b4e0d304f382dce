package io.packnet.handler;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * Handles the value a handler method returns. Beans of this type are consulted before the built-in
 * handling ({@code CompletionStage}, then a reply through {@link InboundPacket#reply(Object)}); the
 * handler is chosen once per method at startup. Not called for {@code void} methods or
 * {@code null} values.
 */
public interface PacketReturnValueHandler {

	/**
	 * Tells whether this handler takes the method's return values; called once per method.
	 * @param returnType the method's return type
	 * @return {@code true} to handle its values
	 */
	boolean supportsReturnType(MethodParameter returnType);

	/**
	 * Handles one return value.
	 * @param returnValue the value, never {@code null}
	 * @param returnType the method's return type
	 * @param packet the packet that was handled; {@link InboundPacket#reply(Object)} answers it
	 * @throws Exception handled like an exception of the handler method
	 */
	void handleReturnValue(Object returnValue, MethodParameter returnType, InboundPacket packet) throws Exception;

}
