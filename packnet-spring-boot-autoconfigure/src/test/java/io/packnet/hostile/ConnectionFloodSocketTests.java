package io.packnet.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
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

/**
 * A flood of connections past {@code max-connections} and {@code max-connections-per-ip}: every
 * excess connection is closed at once, without ever becoming a session, and the admitted sessions
 * keep working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionFloodSocketTests {

	private static final int FLOOD = 200;

	@Test
	void shouldRefuseEveryConnectionPastMaxConnectionsAtOnceAndLeaveTheAdmittedAlone() throws Exception {
		try (TestServer server = new TestServer(LengthFieldProtocol.defaults(),
				new ServerOptions().maxConnections(20), TestServer.ECHO)) {
			List<RawSocketClient> admitted = admit(server, 20, "127.0.0.1");
			try {
				Duration slowest = flood(server, FLOOD, "127.0.0.1");
				assertThat(slowest).as("slowest refusal").isLessThan(Duration.ofSeconds(2));
				assertAdmittedUnaffected(server, admitted, FLOOD);
			}
			finally {
				closeAll(admitted);
			}
			assertClosedAsPeerClosed(server, 20);
			assertNewcomerEchoes(server, "127.0.0.1");
		}
	}

	@Test
	void shouldRefuseEveryConnectionPastMaxConnectionsPerIpAndStillAdmitOtherAddresses() throws Exception {
		try (TestServer server = new TestServer(LengthFieldProtocol.defaults(),
				new ServerOptions().maxConnectionsPerIp(5), TestServer.ECHO)) {
			List<RawSocketClient> admitted = admit(server, 5, "127.0.0.1");
			try {
				Duration slowest = flood(server, FLOOD, "127.0.0.1");
				assertThat(slowest).as("slowest refusal").isLessThan(Duration.ofSeconds(2));
				// the flooded address has no slot left; another address has its own budget
				admitted.addAll(admit(server, 5, "127.0.0.2"));
				assertAdmittedUnaffected(server, admitted, FLOOD);
			}
			finally {
				closeAll(admitted);
			}
			assertClosedAsPeerClosed(server, 10);
			assertNewcomerEchoes(server, "127.0.0.1");
		}
	}

	private static List<RawSocketClient> admit(TestServer server, int count, String from) throws Exception {
		List<RawSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(connect(server, from));
			assertThat(server.started.poll(5, TimeUnit.SECONDS)).as("session " + i + " from " + from).isNotNull();
		}
		return clients;
	}

	/** Opens connections from four threads; each must be closed by the server. Returns the slowest refusal. */
	private static Duration flood(TestServer server, int count, String from) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Duration>> refusals = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				refusals.add(threads.submit(() -> {
					long start = System.nanoTime();
					try (RawSocketClient client = connect(server, from)) {
						client.socket().setSoTimeout(3000);
						assertThat(client.socket().getInputStream().read()).as("refused: end of stream").isEqualTo(-1);
					}
					catch (SocketTimeoutException ex) {
						throw new AssertionError("connection from " + from + " was not refused within 3 s", ex);
					}
					catch (IOException ex) {
						// reset while connecting or reading: refused as well
					}
					return Duration.ofNanos(System.nanoTime() - start);
				}));
			}
			Duration slowest = Duration.ZERO;
			for (Future<Duration> refusal : refusals) {
				Duration took = refusal.get(30, TimeUnit.SECONDS);
				slowest = (took.compareTo(slowest) > 0) ? took : slowest;
			}
			return slowest;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void assertAdmittedUnaffected(TestServer server, List<RawSocketClient> admitted, int refused)
			throws Exception {
		assertThat(server.statistics.connectionsRejected()).isEqualTo(refused);
		assertThat(server.started).as("refused connections never become sessions").isEmpty();
		assertThat(server.closed).as("no admitted session was disturbed").isEmpty();
		assertThat(server.registry.size()).isEqualTo(admitted.size());
		for (RawSocketClient client : admitted) {
			client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 7 });
			assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(7);
		}
	}

	private static void assertClosedAsPeerClosed(TestServer server, int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			TestServer.Closed closed = server.closed.poll(5, TimeUnit.SECONDS);
			assertThat(closed).isNotNull();
			assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
		}
	}

	private static void assertNewcomerEchoes(TestServer server, String from) throws Exception {
		try (RawSocketClient newcomer = connect(server, from)) {
			newcomer.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 9 });
			assertThat(newcomer.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(9);
		}
	}

	private static RawSocketClient connect(TestServer server, String from) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 3000);
		return new RawSocketClient(socket);
	}

	private static void closeAll(List<RawSocketClient> clients) throws IOException {
		for (RawSocketClient client : clients) {
			client.close();
		}
	}

}
