package io.packnet.server;

import io.netty.buffer.ByteBuf;
import io.packnet.session.Session;

/**
 * Receives every inbound frame of every session: the hand-off from the transport to the
 * application. The {@code @PacketHandler} machinery is one implementation.
 */
@FunctionalInterface
public interface PacketDispatcher {

	/** Drops every frame: the dispatcher of a server without handlers. */
	PacketDispatcher NONE = (session, frame) -> {
	};

	/**
	 * Handles one frame. Called on the session's event loop, in arrival order: never block here.
	 * @param session the session the frame arrived on (a {@code ChannelSession})
	 * @param frame the frame's payload; released when this method returns, so
	 * {@link ByteBuf#retain() retain} it to keep it longer
	 */
	void dispatch(Session session, ByteBuf frame);

}
