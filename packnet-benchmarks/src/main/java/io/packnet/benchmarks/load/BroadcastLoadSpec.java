package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;
import io.packnet.benchmarks.wire.ProbePayload;

/**
 * What one broadcast run does: one sender, {@code receivers} joined receivers, {@code payloadSize}-byte
 * broadcast payloads (opcode included), at most {@code window} broadcasts not yet delivered to every receiver.
 * The receivers may be spread over several servers that relay broadcasts to each other (a cluster): the
 * first share connects to the first of {@code receiverServers}, the next share to the second, and so on.
 *
 * @param server the broadcast server the sender connects to
 * @param receiverServers the servers the receivers connect to, in equal shares (the first ones take one
 * more where the count does not divide)
 * @param receivers the number of receiver connections
 * @param payloadSize the payload bytes of each broadcast frame, opcode included
 * @param window the broadcasts in flight: sent but not yet received by every receiver
 * @param warmup the time before measuring starts
 * @param duration the measured time
 * @param lengthPrefix the length prefix of every frame
 * @param ioThreads client event loop threads (0 = available processors)
 * @param transport the client transport
 * @param connectTimeout the deadline for opening and joining all connections
 * @param drainTimeout how long deliveries may take after sending stopped
 */
public record BroadcastLoadSpec(InetSocketAddress server, List<InetSocketAddress> receiverServers, int receivers,
		int payloadSize, int window,
		Duration warmup, Duration duration, LengthPrefix lengthPrefix, int ioThreads, Transport transport,
		Duration connectTimeout, Duration drainTimeout) {

	/** The opcode takes the first payload byte. */
	static final int OPCODE_SIZE = 1;

	public BroadcastLoadSpec {
		Objects.requireNonNull(server, "server");
		receiverServers = List.copyOf(Objects.requireNonNull(receiverServers, "receiverServers"));
		Objects.requireNonNull(warmup, "warmup");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(lengthPrefix, "lengthPrefix");
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(drainTimeout, "drainTimeout");
		if (receivers <= 0 || window <= 0 || ioThreads < 0 || duration.toNanos() <= 0 || warmup.isNegative()) {
			throw new IllegalArgumentException("receivers, window and duration must be > 0, ioThreads and warmup >= 0");
		}
		if (payloadSize < ProbePayload.minimumSize(OPCODE_SIZE) || payloadSize > lengthPrefix.maxPayloadSize()) {
			throw new IllegalArgumentException("payloadSize must be between " + ProbePayload.minimumSize(OPCODE_SIZE)
					+ " and " + lengthPrefix.maxPayloadSize() + " bytes");
		}
		if (receiverServers.isEmpty() || receivers < receiverServers.size()) {
			throw new IllegalArgumentException("every one of the " + receiverServers.size()
					+ " receiver servers needs a receiver, but there are " + receivers);
		}
	}

	/** A builder with short-mode defaults: 20 receivers, 128 B, window 64, 1 s warmup, 2 s measured. */
	public static Builder builder(InetSocketAddress server) {
		return new Builder(server);
	}

	/** How many receivers connect to {@code receiverServers.get(serverIndex)}. */
	public int receiversOn(int serverIndex) {
		Objects.checkIndex(serverIndex, receiverServers.size());
		int servers = receiverServers.size();
		return receivers / servers + ((serverIndex < receivers % servers) ? 1 : 0);
	}

	/** The server that receiver {@code receiverIndex} connects to. */
	InetSocketAddress receiverServer(int receiverIndex) {
		Objects.checkIndex(receiverIndex, receivers);
		int first = 0;
		for (int i = 0;; i++) {
			first += receiversOn(i);
			if (receiverIndex < first) {
				return receiverServers.get(i);
			}
		}
	}

	int effectiveIoThreads() {
		return (ioThreads > 0) ? ioThreads : Runtime.getRuntime().availableProcessors();
	}

	/** Builds a {@link BroadcastLoadSpec}. */
	public static final class Builder {

		private final InetSocketAddress server;

		private List<InetSocketAddress> receiverServers;

		private int receivers = 20;

		private int payloadSize = 128;

		private int window = 64;

		private Duration warmup = Duration.ofSeconds(1);

		private Duration duration = Duration.ofSeconds(2);

		private LengthPrefix lengthPrefix = LengthPrefix.DEFAULT;

		private int ioThreads;

		private Transport transport = Transport.parse("auto");

		private Duration connectTimeout = Duration.ofSeconds(30);

		private Duration drainTimeout = Duration.ofSeconds(10);

		private Builder(InetSocketAddress server) {
			this.server = Objects.requireNonNull(server, "server");
			this.receiverServers = List.of(server);
		}

		/** Spreads the receivers over {@code receiverServers} (default: the sender's server only). */
		public Builder receiversSpreadOver(List<InetSocketAddress> receiverServers) {
			this.receiverServers = receiverServers;
			return this;
		}

		public Builder receivers(int receivers) {
			this.receivers = receivers;
			return this;
		}

		public Builder payloadSize(int payloadSize) {
			this.payloadSize = payloadSize;
			return this;
		}

		public Builder window(int window) {
			this.window = window;
			return this;
		}

		public Builder warmup(Duration warmup) {
			this.warmup = warmup;
			return this;
		}

		public Builder duration(Duration duration) {
			this.duration = duration;
			return this;
		}

		public Builder lengthPrefix(LengthPrefix lengthPrefix) {
			this.lengthPrefix = lengthPrefix;
			return this;
		}

		public Builder ioThreads(int ioThreads) {
			this.ioThreads = ioThreads;
			return this;
		}

		public Builder transport(Transport transport) {
			this.transport = transport;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder drainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
			return this;
		}

		public BroadcastLoadSpec build() {
			return new BroadcastLoadSpec(server, receiverServers, receivers, payloadSize, window, warmup, duration, lengthPrefix,
					ioThreads, transport, connectTimeout, drainTimeout);
		}

	}

}
