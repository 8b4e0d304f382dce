package io.packnet.handler;

import io.netty.buffer.ByteBuf;
import io.packnet.session.Session;

/**
 * Finds a frame's message type, which selects the {@link PacketMapping @PacketMapping} method. The
 * default reads {@code packnet.routing.type-field-size} bytes ({@link TypeFieldRouter}); a
 * {@code PacketRouter} bean routes any other way (a JSON field, a string prefix). Called on the
 * event loop for every frame, so keep it cheap.
 */
@FunctionalInterface
public interface PacketRouter {

	/**
	 * Returns the frame's message type. May consume a header by moving the payload's reader index;
	 * the handler then sees the rest. A type no method maps goes to the default route, if any.
	 * @param session the session
	 * @param payload the frame's payload
	 * @return the message type
	 * @throws InvalidPacketException if the frame cannot be routed: the session is closed as a
	 * protocol error
	 */
	int route(Session session, ByteBuf payload);

}
