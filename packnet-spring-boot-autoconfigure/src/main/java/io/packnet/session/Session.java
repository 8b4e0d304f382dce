package io.packnet.session;

import java.net.SocketAddress;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * One client connection: an id, addresses, attributes, and asynchronous sends through a bounded
 * outbound queue. Safe to use from any thread.
 */
public interface Session {

	/**
	 * Returns the session's id, unique for the server's lifetime.
	 * @return the id
	 */
	long id();

	/**
	 * Returns the peer's address.
	 * @return the remote address
	 */
	SocketAddress remoteAddress();

	/**
	 * Returns the local address the connection arrived on.
	 * @return the local address
	 */
	SocketAddress localAddress();

	/**
	 * Returns when the session started.
	 * @return the start time
	 */
	Instant startedAt();

	/**
	 * Tells whether the connection is still open.
	 * @return {@code true} until the session closes
	 */
	boolean isOpen();

	/**
	 * Sends a message as one frame: {@code byte[]}, {@code ByteBuf} (its ownership passes to the
	 * session), {@code ByteBuffer}, {@code String} (UTF-8) or an object a {@code PayloadCodec}
	 * supports. Frames are flushed in the order they were sent.
	 * @param message the message
	 * @return completes when the frame is written to the socket; fails with
	 * {@link io.packnet.protocol.FrameTooLargeException} for an oversized frame (the session stays
	 * open), {@link SessionOverflowException} when the outbound queue is full, or
	 * {@link SessionClosedException} when the session is closed
	 */
	CompletableFuture<Void> send(Object message);

	/**
	 * Sends a message preceded by a message type ({@code packnet.routing.type-field-size} bytes).
	 * @param type the message type
	 * @param message the message, as for {@link #send(Object)}
	 * @return as for {@link #send(Object)}
	 */
	CompletableFuture<Void> send(int type, Object message);

	/**
	 * Closes the session after flushing what is already queued; the close reason is
	 * {@link CloseReason#CLOSED_BY_APPLICATION}.
	 */
	void close();

	/**
	 * Returns the reason the session closed or is closing.
	 * @return the reason, or {@code null} while the session is open
	 */
	@Nullable CloseReason closeReason();

	/**
	 * Returns a stage that completes with the close reason when the session has closed.
	 * @return the close stage
	 */
	CompletionStage<CloseReason> closeFuture();

	/**
	 * Returns the session's attributes: a thread-safe map for application state (user id, room...).
	 * @return the live attribute map
	 */
	Map<String, Object> attributes();

	/**
	 * Returns an attribute of the given type.
	 * @param <T> the attribute's type
	 * @param name the attribute's name
	 * @param type the attribute's type
	 * @return the value, or {@code null} if absent
	 * @throws ClassCastException if the value is not a {@code type}
	 */
	default <T> @Nullable T attribute(String name, Class<T> type) {
		Object value = attributes().get(name);
		if (value != null && !type.isInstance(value)) {
			throw new ClassCastException("Session attribute '" + name + "' is a " + value.getClass().getName()
					+ ", not a " + type.getName());
		}
		return type.cast(value);
	}

	/**
	 * Returns bytes queued for this session and not yet written to the socket.
	 * @return pending outbound bytes
	 */
	long pendingOutboundBytes();

	/**
	 * Returns who the session authenticated as, when a {@code PacketAuthenticator} accepted it.
	 * @return the principal, or empty before authentication and when the server has no authenticator
	 */
	default Optional<Principal> principal() {
		return Optional.empty();
	}

	/**
	 * Returns the TLS session once the handshake has completed: protocol, cipher suite, and the
	 * client's certificates under {@code packnet.server.ssl.client-auth}.
	 * @return the TLS session, or empty on a plain connection or before the handshake completes
	 */
	default Optional<SSLSession> sslSession() {
		return Optional.empty();
	}

}
