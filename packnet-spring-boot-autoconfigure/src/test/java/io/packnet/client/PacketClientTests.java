package io.packnet.client;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PacketClient} against a real server.
 */
class PacketClientTests {

	@Test
	void shouldFailWithAClearMessageWhenNothingListens() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		int closedPort = port;
		assertThatExceptionOfType(PacketClientException.class)
			.isThrownBy(() -> PacketClient.connect("127.0.0.1", closedPort, LengthFieldProtocol.defaults(),
					Duration.ofSeconds(2)))
			.withMessageContaining("Could not connect to 127.0.0.1:" + closedPort);
	}

	@Test
	void shouldDeliverFramesToACallbackInOrder() throws Exception {
		try (TestServer server = new TestServer(LengthFieldProtocol.defaults())) {
			List<String> received = new CopyOnWriteArrayList<>();
			try (PacketClient client = PacketClient.builder(LengthFieldProtocol.defaults())
				.onFrame((payload) -> received.add(new String(payload, StandardCharsets.UTF_8)))
				.connect("127.0.0.1", server.port())) {
				for (int i = 0; i < 100; i++) {
					client.send("m" + i);
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 100);
				for (int i = 0; i < 100; i++) {
					assertThat(received.get(i)).isEqualTo("m" + i);
				}
			}
		}
	}

	@Test
	void shouldReportClosedWhenTheServerGoesAway() throws Exception {
		TestServer server = new TestServer(LengthFieldProtocol.defaults());
		try (PacketClient client = PacketClient.connect("127.0.0.1", server.port(), LengthFieldProtocol.defaults(),
				Duration.ofSeconds(2))) {
			assertThat(client.isOpen()).isTrue();
			server.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.isOpen());
			assertThat(client.receive(Duration.ofMillis(10))).isNull();
		}
	}

}
