package io.packnet.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.test.LocalPacketServerPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "packnet.server.port=0")
class ChatServerApplicationTests {

	@LocalPacketServerPort
	int port;

	@Autowired
	PacketClientFactory clients;

	@Test
	void shouldAnswerOnTheRandomPort() {
		try (PacketClient client = this.clients.connect("127.0.0.1", this.port)) {
			client.send("hello");
			assertThat(new String(client.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8)).isEqualTo("hello");
		}
	}

}
