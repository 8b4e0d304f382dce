package io.packnet.benchmarks.harness;

import java.time.Duration;
import java.util.Objects;

import io.packnet.benchmarks.harness.ServerProcess.MemoryReading;
import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.IdleConnections;
import io.packnet.benchmarks.transport.Transport;

/**
 * What an idle connection costs: each echo server's heap after full GC with no connections, then with
 * {@code idleConnections} open and silent; the difference divided by the count.
 */
final class IdleMemoryScenario {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	/** Connections opened before waiting for the server to accept them: half its accept backlog. */
	private static final int BATCH = 512;

	private final Harness harness;

	IdleMemoryScenario(Harness harness) {
		this.harness = Objects.requireNonNull(harness, "harness");
	}

	void run() throws InterruptedException {
		int count = harness.plan().idleConnections();
		ResultTable table = new ResultTable("Idle connections: " + count
				+ " open, silent connections; heap after full GC in the server JVM (-Xmx" + harness.plan().serverHeap()
				+ "); RSS includes thread stacks", "server", "heap before", "heap after", "heap/connection",
				"direct after", "RSS before", "RSS after", "RSS/connection", "startup");
		for (ServerUnderTest server : harness.serversIncludingUnordered(Role.ECHO)) {
			harness.withServer(server, count + " idle connections", process -> {
				MemoryReading before = process.memory(COMMAND_TIMEOUT);
				try (IdleConnections idle = IdleConnections.to(process.address(), Transport.parse("auto"),
						CONNECT_TIMEOUT)) {
					while (idle.size() < count) {
						idle.open(Math.min(BATCH, count - idle.size()), CONNECT_TIMEOUT);
						awaitAccepted(process, idle);
					}
					MemoryReading after = process.memory(COMMAND_TIMEOUT);
					if (idle.closedByServer() > 0) {
						throw new IllegalStateException(idle.closedByServer() + " idle connections were closed by the server");
					}
					table.addRow(server.label(), kib(before.heapBytes()), kib(after.heapBytes()),
							perConnection(before.heapBytes(), after.heapBytes(), count), kib(after.directBytes()),
							kib(before.residentBytes()), kib(after.residentBytes()),
							perConnection(before.residentBytes(), after.residentBytes(), count),
							process.startupMillis() + " ms");
				}
				return null;
			});
		}
		table.print(harness.out());
	}

	/** Waits until the server has accepted every connection opened so far, so its accept queue never overflows. */
	private static void awaitAccepted(ServerProcess process, IdleConnections idle) throws InterruptedException {
		try {
			process.awaitOpenConnections(idle.size(), CONNECT_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(ex.getMessage() + "; the client saw " + idle.closedByServer() + " of its "
					+ idle.size() + " connections closed by the server", ex);
		}
	}

	private static String kib(long bytes) {
		return (bytes < 0) ? "n/a" : ResultTable.number(bytes / 1024.0) + " KiB";
	}

	private static String perConnection(long before, long after, int count) {
		return (before < 0 || after < 0) ? "n/a" : ResultTable.number((after - before) / (double) count) + " B";
	}

}
