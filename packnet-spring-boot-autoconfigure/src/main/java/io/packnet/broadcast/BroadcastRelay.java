package io.packnet.broadcast;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Carries broadcasts and sends to the other servers of a cluster, so that groups span them all.
 * {@link BroadcastTemplate} hands its relay every group broadcast, every {@code broadcastAll} and
 * every send to a session id it does not hold, as the frame it has already encoded (once per call,
 * not per member); the relay delivers what other servers relay here through the template's
 * {@link LocalDelivery}, which never relays again. {@link #NONE}, the default, relays nothing.
 * <p>Implementations are called on event loops: they must neither block nor throw. A frame they
 * cannot relay is dropped and counted, and local delivery goes on.
 */
public interface BroadcastRelay {

	/** The {@code except} value of a broadcast that leaves no session out. */
	long NO_SESSION = Long.MIN_VALUE;

	/** The relay of a server on its own: relays nothing, costs nothing. */
	BroadcastRelay NONE = new BroadcastRelay() {

		@Override
		public void bind(LocalDelivery delivery) {
		}

		@Override
		public boolean isActive() {
			return false;
		}

		@Override
		public void relayBroadcast(@Nullable String group, ByteBuf frame, int payloadSize, long except) {
		}

		@Override
		public boolean isRemote(long sessionId) {
			return false;
		}

		@Override
		public boolean relaySend(long sessionId, ByteBuf frame, int payloadSize) {
			return false;
		}

	};

	/**
	 * Connects the relay to the template that delivers relayed frames on this server. Called once,
	 * by the template's constructor; the relay must not deliver before it is bound.
	 * @param delivery the template's local delivery
	 */
	void bind(LocalDelivery delivery);

	/**
	 * Tells whether frames are relayed at all. When not, a broadcast with no member on this server
	 * is not even encoded.
	 * @return {@code true} for a cluster relay
	 */
	boolean isActive();

	/**
	 * Relays a broadcast to the other servers.
	 * @param group the group, or {@code null} for a broadcast to every session
	 * @param frame the framed bytes, from its reader index; still owned by the caller and valid only
	 * during the call, so a relay that keeps them copies them
	 * @param payloadSize the size of the payload inside the frame, for statistics
	 * @param except the id of the session to leave out, or {@link #NO_SESSION}
	 */
	void relayBroadcast(@Nullable String group, ByteBuf frame, int payloadSize, long except);

	/**
	 * Tells whether a session id belongs to another server, so that a send to it is worth relaying.
	 * @param sessionId the session id
	 * @return {@code true} if another server issued the id
	 */
	boolean isRemote(long sessionId);

	/**
	 * Relays a frame to the server that holds a session.
	 * @param sessionId the session id, for which {@link #isRemote} is {@code true}
	 * @param frame the framed bytes, as for {@link #relayBroadcast}
	 * @param payloadSize the size of the payload inside the frame
	 * @return {@code true} if the frame was handed over for relaying, {@code false} if it was dropped
	 * (the relay is down or full)
	 */
	boolean relaySend(long sessionId, ByteBuf frame, int payloadSize);

	/**
	 * Delivers relayed frames to this server's sessions, without relaying them again. Each method
	 * takes ownership of the frame and releases it.
	 */
	interface LocalDelivery {

		/**
		 * Delivers a relayed broadcast to this server's members of a group.
		 * @param group the group
		 * @param frame the framed bytes
		 * @param payloadSize the size of the payload inside the frame
		 * @param except the id of the session to leave out, or {@link #NO_SESSION}
		 * @return the number of sessions the frame was handed to
		 */
		int deliverToGroup(String group, ByteBuf frame, int payloadSize, long except);

		/**
		 * Delivers a relayed broadcast to every open session of this server.
		 * @param frame the framed bytes
		 * @param payloadSize the size of the payload inside the frame
		 * @param except the id of the session to leave out, or {@link #NO_SESSION}
		 * @return the number of sessions the frame was handed to
		 */
		int deliverToAll(ByteBuf frame, int payloadSize, long except);

		/**
		 * Delivers a relayed send to one session of this server.
		 * @param sessionId the session id
		 * @param frame the framed bytes
		 * @param payloadSize the size of the payload inside the frame
		 * @return 1 if the frame was handed to the session, 0 if it is not open here
		 */
		int deliverToSession(long sessionId, ByteBuf frame, int payloadSize);

	}

}
