package io.packnet.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The line protocol between the harness and a server child JVM, on the child's stdin and stdout. The
 * server prints {@code LISTENING <port>} once bound, then answers commands, one per line:
 * <ul>
 * <li>{@code CONNECTIONS} → {@code CONNECTIONS <open connections>}</li>
 * <li>{@code HEAP} → {@code HEAP <heap bytes used after full GC> <direct bytes used> <resident set bytes or -1>}</li>
 * <li>{@code CLUSTER} → the cluster relay's state and counters ({@link RelayReport}), or {@code CLUSTER OFF}
 * for a server without one</li>
 * <li>{@code STOP}, or end of input (the harness died) → closes the server, prints {@code STOPPED}</li>
 * </ul>
 * Other stdout lines (logging) are ignored by the harness.
 */
public final class ServerControl {

	public static final String LISTENING = "LISTENING";

	public static final String CONNECTIONS = "CONNECTIONS";

	public static final String HEAP = "HEAP";

	public static final String CLUSTER = "CLUSTER";

	/** The {@code CLUSTER} answer of a server without a cluster relay. */
	public static final String CLUSTER_OFF = CLUSTER + " OFF";

	public static final String STOP = "STOP";

	public static final String STOPPED = "STOPPED";

	private ServerControl() {
	}

	/** Announces {@code server} on {@code out} and serves commands from {@code in} until told to stop. */
	public static void serve(RunningServer server, InputStream in, PrintStream out) throws IOException {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(in, "in");
		Objects.requireNonNull(out, "out");
		try (server) {
			out.println(LISTENING + " " + server.port());
			out.flush();
			BufferedReader commands = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String command;
			while ((command = commands.readLine()) != null) {
				String normalized = command.trim().toUpperCase(Locale.ROOT);
				if (normalized.equals(STOP)) {
					break;
				}
				out.println(answer(server, normalized));
				out.flush();
			}
		}
		out.println(STOPPED);
		out.flush();
	}

	private static String answer(RunningServer server, String command) {
		return switch (command) {
			case CONNECTIONS -> CONNECTIONS + " " + server.openConnections();
			case HEAP -> HEAP + " " + HeapProbe.heapUsedAfterGc() + " " + HeapProbe.directMemoryUsed() + " "
					+ HeapProbe.residentSetSize();
			case CLUSTER -> {
				RelayReport relay = server.relay();
				yield (relay != null) ? relay.toAnswer() : CLUSTER_OFF;
			}
			default -> "ERROR unknown command '" + command + "'";
		};
	}

}
