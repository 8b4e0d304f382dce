package io.packnet.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.packnet.session.CloseReason;

/**
 * Counters for traffic and session lifecycle, updated on the hot path with {@link LongAdder}s and
 * read by Micrometer meters and the health contributor. No registry look-up per frame.
 */
public final class PacknetStatistics {

	private final LongAdder sessionsOpened = new LongAdder();

	private final Map<CloseReason, LongAdder> sessionsClosed = new EnumMap<>(CloseReason.class);

	private final LongAdder connectionsRejected = new LongAdder();

	private final LongAdder sessionsAuthenticated = new LongAdder();

	private final LongAdder framesIn = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder framesOut = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private final LongAdder framesDroppedOverflow = new LongAdder();

	private final LongAdder framesDroppedUnmapped = new LongAdder();

	/** Creates zeroed counters. */
	public PacknetStatistics() {
		for (CloseReason reason : CloseReason.values()) {
			this.sessionsClosed.put(reason, new LongAdder());
		}
	}

	/** Counts a session that started. */
	public void sessionOpened() {
		this.sessionsOpened.increment();
	}

	/**
	 * Counts a session that closed.
	 * @param reason why it closed
	 */
	public void sessionClosed(CloseReason reason) {
		this.sessionsClosed.get(reason).increment();
	}

	/** Counts a session a {@code PacketAuthenticator} accepted. */
	public void sessionAuthenticated() {
		this.sessionsAuthenticated.increment();
	}

	/** Counts a connection refused by a connection limit. */
	public void connectionRejected() {
		this.connectionsRejected.increment();
	}

	/**
	 * Counts an inbound frame.
	 * @param payloadBytes its payload size
	 */
	public void frameIn(int payloadBytes) {
		this.framesIn.increment();
		this.bytesIn.add(payloadBytes);
	}

	/**
	 * Counts an outbound frame handed to the transport.
	 * @param payloadBytes its payload size
	 */
	public void frameOut(int payloadBytes) {
		framesOut(1, payloadBytes);
	}

	/**
	 * Counts outbound frames handed to the transport together, such as one broadcast's frames on one
	 * event loop.
	 * @param frames the number of frames
	 * @param payloadBytes their payload size in total
	 */
	public void framesOut(int frames, long payloadBytes) {
		this.framesOut.add(frames);
		this.bytesOut.add(payloadBytes);
	}

	/** Counts an outbound frame discarded by the {@code drop} overflow policy. */
	public void frameDroppedOverflow() {
		this.framesDroppedOverflow.increment();
	}

	/** Counts an inbound frame with no handler for its type. */
	public void frameDroppedUnmapped() {
		this.framesDroppedUnmapped.increment();
	}

	/** @return sessions opened since start */
	public long sessionsOpened() {
		return this.sessionsOpened.sum();
	}

	/**
	 * Returns the sessions closed for a reason.
	 * @param reason the reason
	 * @return sessions closed for that reason since start
	 */
	public long sessionsClosed(CloseReason reason) {
		return this.sessionsClosed.get(reason).sum();
	}

	/** @return sessions closed since start, whatever the reason */
	public long sessionsClosed() {
		return this.sessionsClosed.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** @return sessions closed as TLS_HANDSHAKE_FAILED: plaintext clients, untrusted certificates, timeouts */
	public long tlsHandshakeFailures() {
		return sessionsClosed(CloseReason.TLS_HANDSHAKE_FAILED);
	}

	/** @return sessions a {@code PacketAuthenticator} accepted */
	public long sessionsAuthenticated() {
		return this.sessionsAuthenticated.sum();
	}

	/** @return sessions closed unauthenticated: rejected, timed out, or the authenticator failed */
	public long authenticationFailures() {
		return sessionsClosed(CloseReason.UNAUTHENTICATED);
	}

	/** @return connections refused by {@code max-connections} or {@code max-connections-per-ip} */
	public long connectionsRejected() {
		return this.connectionsRejected.sum();
	}

	/** @return frames received */
	public long framesIn() {
		return this.framesIn.sum();
	}

	/** @return payload bytes received */
	public long bytesIn() {
		return this.bytesIn.sum();
	}

	/** @return frames sent */
	public long framesOut() {
		return this.framesOut.sum();
	}

	/** @return payload bytes sent */
	public long bytesOut() {
		return this.bytesOut.sum();
	}

	/** @return outbound frames dropped by the overflow policy */
	public long framesDroppedOverflow() {
		return this.framesDroppedOverflow.sum();
	}

	/** @return inbound frames dropped because no handler maps their type */
	public long framesDroppedUnmapped() {
		return this.framesDroppedUnmapped.sum();
	}

}
