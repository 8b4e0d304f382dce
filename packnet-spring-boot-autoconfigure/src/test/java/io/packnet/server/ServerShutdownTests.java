package io.packnet.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.packnet.client.PacketClient;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.session.CloseReason;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the server closes every connection, including those accepted a moment before the stop.
 */
class ServerShutdownTests {

	@RepeatedTest(10)
	void shouldCloseAConnectionThatArrivesJustBeforeTheStop() throws Exception {
		TestServer server = new TestServer(LengthFieldProtocol.defaults());
		try (PacketClient client = PacketClient.connect("127.0.0.1", server.port(), LengthFieldProtocol.defaults(),
				Duration.ofSeconds(2))) {
			long start = System.nanoTime();
			server.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			client.closeFuture().get(5, TimeUnit.SECONDS);
			assertThat(client.isOpen()).isFalse();
			// a connection either never became a session, or it was closed as SERVER_SHUTDOWN: never lost
			assertThat(server.closed).hasSameSizeAs(server.started);
			server.closed.forEach((closed) -> assertThat(closed.reason()).isEqualTo(CloseReason.SERVER_SHUTDOWN));
			assertThat(server.server.state()).isEqualTo(PacketServer.State.STOPPED);
		}
	}

}
