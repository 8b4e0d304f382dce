package io.packnet.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelOption;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.sample.chat.ChatMessages;
import io.packnet.test.LocalPacketServerPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample chat server end to end: real clients on a random port, two rooms, an abrupt disconnect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "packnet.server.port=0")
class ChatServerEndToEndTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalPacketServerPort
	int port;

	@LocalServerPort
	int httpPort;

	@Autowired
	PacketClientFactory clients;

	private final List<PacketClient> open = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.open.forEach(PacketClient::close);
	}

	@Test
	void threeUsersChatAcrossTwoRoomsAndAreToldWhenOneDropsAbruptly() {
		PacketClient ada = login("ada");
		PacketClient bob = login("bob");
		PacketClient cy = login("cy");

		assertThat(request(ada, ChatMessages.JOIN, new ChatMessages.Room("lobby")).get("members")).hasSize(1);
		request(bob, ChatMessages.JOIN, new ChatMessages.Room("lobby"));
		assertThat(next(ada, ChatMessages.NOTICE).get("text").asString()).isEqualTo("bob joined");
		request(bob, ChatMessages.JOIN, new ChatMessages.Room("games"));
		JsonNode games = request(cy, ChatMessages.JOIN, new ChatMessages.Room("games"));
		assertThat(games.get("members").toString()).isEqualTo("[\"bob\",\"cy\"]");
		assertThat(next(bob, ChatMessages.NOTICE).get("text").asString()).isEqualTo("cy joined");

		ada.send(ChatMessages.SAY, new ChatMessages.Say("lobby", "hi lobby"));
		assertThat(next(bob, ChatMessages.MESSAGE).toString())
			.isEqualTo("{\"room\":\"lobby\",\"from\":\"ada\",\"text\":\"hi lobby\"}");
		assertThat(next(ada, ChatMessages.MESSAGE).get("text").asString()).isEqualTo("hi lobby");
		cy.send(ChatMessages.SAY, new ChatMessages.Say("games", "gg"));
		assertThat(next(bob, ChatMessages.MESSAGE).get("text").asString()).isEqualTo("gg");
		assertThat(next(cy, ChatMessages.MESSAGE).get("from").asString()).isEqualTo("cy");

		JsonNode rooms = request(ada, ChatMessages.ROOMS, new byte[0]);
		assertThat(rooms.toString()).isEqualTo("{\"rooms\":[{\"room\":\"games\",\"members\":[\"bob\",\"cy\"]},"
				+ "{\"room\":\"lobby\",\"members\":[\"ada\",\"bob\"]}]}");

		assertThat(request(cy, ChatMessages.PRIVATE, new ChatMessages.PrivateMessage("ada", "psst")).get("delivered")
			.asBoolean()).isTrue();
		assertThat(next(ada, ChatMessages.WHISPER).toString()).isEqualTo("{\"from\":\"cy\",\"text\":\"psst\"}");

		// a request that fails gets an error reply, and the session goes on
		assertThat(request(ada, ChatMessages.SAY, new ChatMessages.Say("games", "let me in")).get("error").asString())
			.isEqualTo("join games before speaking there");

		// bob's connection is reset without a goodbye: both rooms hear about it
		bob.channel().config().setOption(ChannelOption.SO_LINGER, 0);
		bob.channel().close();
		assertThat(next(ada, ChatMessages.NOTICE).get("text").asString()).isEqualTo("bob left (peer_closed)");
		assertThat(next(cy, ChatMessages.NOTICE).get("text").asString()).isEqualTo("bob left (peer_closed)");
		assertThat(request(ada, ChatMessages.ROOMS, new byte[0]).toString()).doesNotContain("bob");

		// what an operator sees: packnet in /actuator/health, up, with its details
		JsonNode health = json.readTree(http("/actuator/health"));
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode packnet = health.get("components").get("packnet");
		assertThat(packnet.get("status").asString()).isEqualTo("UP");
		assertThat(packnet.get("details").get("port").asInt()).isEqualTo(this.port);
		assertThat(packnet.get("details").get("sessions").asInt()).isEqualTo(2);
		assertThat(packnet.get("details").get("groups").asInt()).isEqualTo(2);
		assertThat(json.readTree(http("/actuator/packnet")).get("groups").toString())
			.isEqualTo("{\"games\":1,\"lobby\":1}");
	}

	private String http(String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(path, ex);
		}
	}

	private PacketClient login(String name) {
		PacketClient client = this.clients.connect("127.0.0.1", this.port);
		this.open.add(client);
		JsonNode welcome = request(client, ChatMessages.LOGIN, new ChatMessages.Login(name));
		assertThat(welcome.get("name").asString()).isEqualTo(name);
		return client;
	}

	private static JsonNode request(PacketClient client, int type, Object body) {
		client.send(type, body);
		return next(client, type);
	}

	/** Returns the body of the next frame, which must have the given type. */
	private static JsonNode next(PacketClient client, int type) {
		byte[] frame = client.receive(Duration.ofSeconds(5));
		assertThat(frame).as("a frame of type " + type + " within 5 s").isNotNull();
		assertThat(Short.toUnsignedInt(ByteBuffer.wrap(frame).getShort())).isEqualTo(type);
		return json.readTree(new String(frame, 2, frame.length - 2, StandardCharsets.UTF_8));
	}

}
