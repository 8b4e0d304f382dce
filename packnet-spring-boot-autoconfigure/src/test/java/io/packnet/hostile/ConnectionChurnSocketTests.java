package io.packnet.hostile;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.ServerOptions;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 connect/disconnect cycles from four parallel clients (most reset at once, every tenth
 * exchanges a frame and closes cleanly): afterwards no session is left in the registry or in a
 * broadcast group (each joined one as it started), every
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
		PacketProtocol protocol = LengthFieldProtocol.defaults();
		SessionRegistry registry = new SessionRegistry();
		BroadcastTemplate broadcast = new BroadcastTemplate(registry, MessageEncoder.plain(), protocol);
		// every session joins a group as it starts, and must leave it as it closes
		SessionListener joiner = new SessionListener() {
			@Override
			public void sessionStarted(Session session) {
				broadcast.join("churn", session);
			}
		};
		try (TestServer server = new TestServer(protocol, new ServerOptions().maxConnectionsPerIp(PER_IP_LIMIT),
				TestServer.ECHO, List.of(joiner, broadcast.sessionListener()), registry)) {
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			int connections = 0;
			try {
				List<Future<Integer>> churners = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					// one loopback address per thread: each has its own per-IP budget
					String from = "127.0.0." + (t + 2);
					churners.add(threads.submit(() -> churn(server.port(), from, CYCLES / THREADS)));
				}
				for (Future<Integer> churner : churners) {
					connections += churner.get(80, TimeUnit.SECONDS);
				}
			}
			finally {
				threads.shutdownNow();
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> server.registry.size() == 0
					&& server.statistics.sessionsClosed() == server.statistics.sessionsOpened());
			// every connection became a session or was refused at once; refusals were the lag's, and retried
			assertThat(server.statistics.sessionsOpened() + server.statistics.connectionsRejected())
				.isEqualTo(connections);
			assertThat(server.statistics.sessionsClosed(CloseReason.PEER_CLOSED))
				.isEqualTo(server.statistics.sessionsOpened());
			assertThat(server.statistics.framesIn()).isEqualTo(CYCLES / 10);
			assertThat(broadcast.groups()).as("groups left behind").isEmpty();
			server.started.clear();
			server.closed.clear();
			assertEveryLimitSlotIsFree(server);
		}
	}

	/**
	 * Connects and disconnects {@code cycles} times; returns the connections made (an echo cycle the
	 * server refuses, when it lags behind the churn and the per-IP limit is reached, is retried).
	 */
	private static int churn(int port, String from, int cycles) throws IOException {
		int connections = 0;
		for (int i = 0; i < cycles; i++) {
			boolean echo = i % 10 == 0;
			for (int attempt = 0; attempt < 50; attempt++) {
				connections++;
				if (cycle(port, from, echo)) {
					break;
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			}
		}
		return connections;
	}

	/** One connection: reset at once, or exchange a frame and close; {@code false} if it was refused. */
	private static boolean cycle(int port, String from, boolean echo) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
			socket.setSoTimeout(5000);
			if (!echo) {
				// reset instead of FIN: no TIME_WAIT left behind, and the server sees an abrupt peer
				socket.setSoLinger(true, 0);
				return true;
			}
			OutputStream out = socket.getOutputStream();
			out.write(new byte[] { 0, 0, 0, 1, 42 });
			out.flush();
			byte[] reply = new byte[5];
			new DataInputStream(socket.getInputStream()).readFully(reply);
			assertThat(reply[4]).isEqualTo((byte) 42);
			return true;
		}
		catch (EOFException | SocketException ex) {
			return false;
		}
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
