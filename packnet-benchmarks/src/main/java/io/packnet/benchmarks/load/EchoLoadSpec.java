package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;
import io.packnet.benchmarks.wire.ProbePayload;

/**
 * What one echo run sends: how many connections, how big and how many frames in flight, for how long,
 * framed how, and optionally at which total rate.
 *
 * @param server the echo server
 * @param connections the number of connections
 * @param payloadSize the payload bytes of each frame (not counting the length prefix)
 * @param depth the frames in flight per connection (pipelining depth)
 * @param warmup the time before measuring starts
 * @param duration the measured time
 * @param lengthPrefix the length prefix of every frame
 * @param typeFieldSize 0, 1, 2 or 4 bytes of type field at the start of each payload
 * @param targetFramesPerSecond the total send rate over all connections, or 0 for as fast as replies allow
 * @param ioThreads client event loop threads (0 = available processors)
 * @param transport the client transport
 * @param connectTimeout the deadline for opening all connections
 * @param drainTimeout how long replies may take to arrive after sending stopped
 */
public record EchoLoadSpec(InetSocketAddress server, int connections, int payloadSize, int depth, Duration warmup,
		Duration duration, LengthPrefix lengthPrefix, int typeFieldSize, double targetFramesPerSecond, int ioThreads,
		Transport transport, Duration connectTimeout, Duration drainTimeout) {

	public EchoLoadSpec {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(warmup, "warmup");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(lengthPrefix, "lengthPrefix");
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(drainTimeout, "drainTimeout");
		require(connections > 0, "connections must be > 0");
		require(depth > 0, "depth must be > 0");
		require(!warmup.isNegative(), "warmup must not be negative");
		require(duration.toNanos() > 0, "duration must be > 0");
		require(typeFieldSize == 0 || typeFieldSize == 1 || typeFieldSize == 2 || typeFieldSize == 4,
				"typeFieldSize must be 0, 1, 2 or 4");
		require(payloadSize >= ProbePayload.minimumSize(typeFieldSize), "payloadSize must be at least "
				+ ProbePayload.minimumSize(typeFieldSize) + " bytes with a " + typeFieldSize + "-byte type field");
		require(payloadSize <= lengthPrefix.maxPayloadSize(),
				"payloadSize " + payloadSize + " does not fit a " + lengthPrefix + " length prefix");
		require(targetFramesPerSecond >= 0, "targetFramesPerSecond must be >= 0");
		require(ioThreads >= 0, "ioThreads must be >= 0");
	}

	/** A builder with the short-mode defaults: 10 connections, 64 B, depth 16, 1 s warmup, 2 s measured. */
	public static Builder builder(InetSocketAddress server) {
		return new Builder(server);
	}

	/** Whether the run is paced at {@link #targetFramesPerSecond()}. */
	public boolean rateLimited() {
		return targetFramesPerSecond > 0;
	}

	/** The client event loop threads to start. */
	int effectiveIoThreads() {
		return (ioThreads > 0) ? ioThreads : Runtime.getRuntime().availableProcessors();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/** Builds an {@link EchoLoadSpec}. */
	public static final class Builder {

		private final InetSocketAddress server;

		private int connections = 10;

		private int payloadSize = 64;

		private int depth = 16;

		private Duration warmup = Duration.ofSeconds(1);

		private Duration duration = Duration.ofSeconds(2);

		private LengthPrefix lengthPrefix = LengthPrefix.DEFAULT;

		private int typeFieldSize;

		private double targetFramesPerSecond;

		private int ioThreads;

		private Transport transport = Transport.parse("auto");

		private Duration connectTimeout = Duration.ofSeconds(30);

		private Duration drainTimeout = Duration.ofSeconds(10);

		private Builder(InetSocketAddress server) {
			this.server = Objects.requireNonNull(server, "server");
		}

		public Builder connections(int connections) {
			this.connections = connections;
			return this;
		}

		public Builder payloadSize(int payloadSize) {
			this.payloadSize = payloadSize;
			return this;
		}

		public Builder depth(int depth) {
			this.depth = depth;
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

		public Builder typeFieldSize(int typeFieldSize) {
			this.typeFieldSize = typeFieldSize;
			return this;
		}

		/** Paces the run at this total rate; 0 (the default) sends as fast as replies allow. */
		public Builder targetFramesPerSecond(double targetFramesPerSecond) {
			this.targetFramesPerSecond = targetFramesPerSecond;
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

		public EchoLoadSpec build() {
			return new EchoLoadSpec(server, connections, payloadSize, depth, warmup, duration, lengthPrefix,
					typeFieldSize, targetFramesPerSecond, ioThreads, transport, connectTimeout, drainTimeout);
		}

	}

}
