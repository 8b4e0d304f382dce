package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;
import io.packnet.benchmarks.wire.ProbePayload;

/**
 * What one broadcast run does: one sender, {@code receivers} joined receivers, {@code payloadSize}-byte
 * broadcast payloads (opcode included), at most {@code window} broadcasts not yet delivered to every receiver.
 *
 * @param server the broadcast server
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
public record BroadcastLoadSpec(InetSocketAddress server, int receivers, int payloadSize, int window,
		Duration warmup, Duration duration, LengthPrefix lengthPrefix, int ioThreads, Transport transport,
		Duration connectTimeout, Duration drainTimeout) {

	/** The opcode takes the first payload byte. */
	static final int OPCODE_SIZE = 1;

	public BroadcastLoadSpec {
		Objects.requireNonNull(server, "server");
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
	}

	/** A builder with short-mode defaults: 20 receivers, 128 B, window 64, 1 s warmup, 2 s measured. */
	public static Builder builder(InetSocketAddress server) {
		return new Builder(server);
	}

	int effectiveIoThreads() {
		return (ioThreads > 0) ? ioThreads : Runtime.getRuntime().availableProcessors();
	}

	/** Builds a {@link BroadcastLoadSpec}. */
	public static final class Builder {

		private final InetSocketAddress server;

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
			return new BroadcastLoadSpec(server, receivers, payloadSize, window, warmup, duration, lengthPrefix,
					ioThreads, transport, connectTimeout, drainTimeout);
		}

	}

}
