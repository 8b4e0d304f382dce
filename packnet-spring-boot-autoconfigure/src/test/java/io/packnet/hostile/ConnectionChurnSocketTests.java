package io.packnet.hostile;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.server.ServerOptions;
import io.packnet.session.CloseReason;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 connect/disconnect cycles from four parallel clients (most reset at once, every tenth
 * exchanges a frame and closes cleanly): afterwards no session is left in the registry, every
 * session opened was closed as {@link CloseReason#PEER_CLOSED}, every connection-limit slot is free
 * again, and Netty's paranoid leak detection (see {@code LeakDetectionExtension}) finds no buffer.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConnectionChurnSocketTests {

	private static final int CYCLES = 10_000;

	private static final int THREADS = 4;

	private static final int PER_IP_LIMIT = 64;

	@Test
	void shouldReturnRegistryMetricsAndLimitsToZeroAfterTenThousandConnectDisconnectCycles() throws Exception {
		try (TestServer server = new TestServer(LengthFieldProtocol.defaults(),
				new ServerOptions().maxConnectionsPerIp(PER_IP_LIMIT), TestServer.ECHO)) {
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			try {
				List<Future<Integer>> echoes = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					// one loopback address per thread: each has its own per-IP budget
					String from = "127.0.0." + (t + 2);
					echoes.add(threads.submit(() -> churn(server.port(), from, CYCLES / THREADS)));
				}
				int echoed = 0;
				for (Future<Integer> future : echoes) {
					echoed += future.get(80, TimeUnit.SECONDS);
				}
				assertThat(echoed).isEqualTo(CYCLES / 10);
			}
			finally {
				threads.shutdownNow();
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> server.registry.size() == 0
					&& server.statistics.sessionsClosed() == server.statistics.sessionsOpened());
			assertThat(server.statistics.sessionsOpened() + server.statistics.connectionsRejected())
				.isEqualTo(CYCLES);
			assertThat(server.statistics.sessionsClosed(CloseReason.PEER_CLOSED))
				.isEqualTo(server.statistics.sessionsOpened());
			assertThat(server.statistics.framesIn()).isEqualTo(CYCLES / 10);
			server.started.clear();
			server.closed.clear();
			assertEveryLimitSlotIsFree(server);
		}
	}

	/** Connects and disconnects {@code cycles} times; returns how many echoes came back. */
	private static int churn(int port, String from, int cycles) throws IOException {
		int echoed = 0;
		byte[] frame = { 0, 0, 0, 1, 42 };
		for (int i = 0; i < cycles; i++) {
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress(from, 0));
				socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
				socket.setSoTimeout(5000);
				if (i % 10 == 0) {
					OutputStream out = socket.getOutputStream();
					out.write(frame);
					out.flush();
					byte[] reply = new byte[5];
					new DataInputStream(socket.getInputStream()).readFully(reply);
					echoed += (reply[4] == 42) ? 1 : 0;
				}
				else {
					// reset instead of FIN: no TIME_WAIT left behind, and the server sees an abrupt peer
					socket.setSoLinger(true, 0);
				}
			}
		}
		return echoed;
	}

	/** A full per-IP budget of simultaneous connections is admitted: no slot leaked during the churn. */
	private static void assertEveryLimitSlotIsFree(TestServer server) throws Exception {
		List<RawSocketClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < PER_IP_LIMIT; i++) {
				Socket socket = new Socket();
				socket.bind(new InetSocketAddress("127.0.0.2", 0));
				socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 3000);
				clients.add(new RawSocketClient(socket));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> server.registry.size() == PER_IP_LIMIT);
			RawSocketClient last = clients.get(PER_IP_LIMIT - 1);
			last.writeFrame(4, java.nio.ByteOrder.BIG_ENDIAN, new byte[] { 1 });
			assertThat(last.readFrame(4, java.nio.ByteOrder.BIG_ENDIAN)).containsExactly(1);
		}
		finally {
			for (RawSocketClient client : clients) {
				client.close();
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> server.registry.size() == 0);
	}

}
