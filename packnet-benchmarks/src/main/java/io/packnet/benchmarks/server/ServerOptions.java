package io.packnet.benchmarks.server;

import java.util.Objects;

import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;

/**
 * Command-line options shared by every server under test:
 * {@code --host 127.0.0.1 --port 0 --header-size 4 --byte-order big --max-payload-size 1048576
 * --io-threads <cores> --transport nio}.
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for any free port
 * @param lengthPrefix the frame length prefix
 * @param maxPayloadSize the largest accepted payload
 * @param ioThreads worker event loop threads (Netty servers)
 * @param transport the Netty transport (Netty servers)
 */
public record ServerOptions(String host, int port, LengthPrefix lengthPrefix, int maxPayloadSize, int ioThreads,
		Transport transport) {

	/** The accept backlog every server uses, so that thousands of connects queue instead of being refused. */
	public static final int BACKLOG = 1024;

	public ServerOptions {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(lengthPrefix, "lengthPrefix");
		Objects.requireNonNull(transport, "transport");
		if (port < 0 || port > 65535 || maxPayloadSize <= 0 || ioThreads <= 0) {
			throw new IllegalArgumentException("port must be 0-65535, maxPayloadSize and ioThreads > 0");
		}
	}

	/** Defaults: 127.0.0.1, port 0, 4-byte big-endian prefix, 1 MiB payloads, one IO thread per core, NIO. */
	public static ServerOptions defaults() {
		return new ServerOptions("127.0.0.1", 0, LengthPrefix.DEFAULT, 1 << 20,
				Runtime.getRuntime().availableProcessors(), Transport.NIO);
	}

	/** Parses {@code --name value} pairs over the {@linkplain #defaults() defaults}. */
	public static ServerOptions parse(String[] args) {
		Objects.requireNonNull(args, "args");
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("Options come in '--name value' pairs");
		}
		ServerOptions defaults = defaults();
		String host = defaults.host();
		int port = defaults.port();
		int headerSize = defaults.lengthPrefix().size();
		java.nio.ByteOrder byteOrder = defaults.lengthPrefix().order();
		int maxPayloadSize = defaults.maxPayloadSize();
		int ioThreads = defaults.ioThreads();
		Transport transport = defaults.transport();
		for (int i = 0; i < args.length; i += 2) {
			String value = args[i + 1];
			switch (args[i]) {
				case "--host" -> host = value;
				case "--port" -> port = Integer.parseInt(value);
				case "--header-size" -> headerSize = Integer.parseInt(value);
				case "--byte-order" -> byteOrder = LengthPrefix.parseByteOrder(value);
				case "--max-payload-size" -> maxPayloadSize = Integer.parseInt(value);
				case "--io-threads" -> ioThreads = Integer.parseInt(value);
				case "--transport" -> transport = Transport.parse(value);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		return new ServerOptions(host, port, new LengthPrefix(headerSize, byteOrder), maxPayloadSize, ioThreads,
				transport);
	}

}
