package io.packnet.handler.invocation;

import io.packnet.handler.InboundPacket;
import org.jspecify.annotations.Nullable;

/**
 * Supplies one parameter's argument on every call: what a resolver becomes once it is bound to a
 * parameter at startup, so nothing is looked up per frame.
 */
@FunctionalInterface
public interface ArgumentSource {

	/**
	 * Returns the argument for one call.
	 * @param packet the packet being handled
	 * @param exception the exception being handled, for exception handler methods; else {@code null}
	 * @return the argument
	 * @throws Exception if it cannot be produced
	 */
	@Nullable Object get(InboundPacket packet, @Nullable Throwable exception) throws Exception;

}
