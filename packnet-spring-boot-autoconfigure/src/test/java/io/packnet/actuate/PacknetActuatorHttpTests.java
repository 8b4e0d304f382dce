package io.packnet.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.support.RawSocketClient;
import io.packnet.test.LocalPacketServerPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees over HTTP in a running application with actuator: {@code /actuator/health},
 * {@code /actuator/metrics/packnet.*} and {@code /actuator/packnet}, while a real client is
 * connected and has joined a group through a {@code @PacketHandler}.
 */
@SpringBootTest(classes = PacknetActuatorHttpTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "packnet.server.port=0", "packnet.server.host=127.0.0.1", "packnet.routing.type-field-size=1",
				"management.endpoint.health.show-details=always",
				// spring-data-redis is on the test classpath for the cluster tests; no Redis runs here
				"management.health.redis.enabled=false",
				"management.endpoints.web.exposure.include=health,metrics,packnet" })
class PacknetActuatorHttpTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int httpPort;

	@LocalPacketServerPort
	private int packetPort;

	@Autowired
	private SessionRegistry registry;

	@Autowired
	private PacketServer server;

	@AfterEach
	void awaitSessionsClosed() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.size() == 0);
	}

	@Test
	void shouldShowPacknetUpWithDetailsInActuatorHealth() throws Exception {
		try (RawSocketClient client = connect()) {
			join(client, "lobby");
			HttpResponse<String> response = get("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.status", String.class)).isEqualTo("UP");
			Map<String, Object> packnet = json.read("$.components.packnet");
			assertThat(packnet).containsEntry("status", "UP");
			assertThat(json.read("$.components.packnet.details", Map.class)).containsEntry("state", "RUNNING")
				.containsEntry("host", "127.0.0.1")
				.containsEntry("port", this.packetPort)
				.containsEntry("transport", this.server.transport().displayName())
				.containsEntry("framing", "length-field(4 bytes, big-endian, max 1048576 bytes)")
				.containsEntry("sessions", 1)
				.containsEntry("groups", 1)
				.containsEntry("connectionsRejected", 0);
		}
	}

	@Test
	void shouldShowTheActiveSessionCountInActuatorMetrics() throws Exception {
		try (RawSocketClient first = connect(); RawSocketClient second = connect(2)) {
			HttpResponse<String> response = get("/actuator/metrics/packnet.sessions.active");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.name", String.class)).isEqualTo("packnet.sessions.active");
			assertThat(json.read("$.measurements[0].value", Double.class)).isEqualTo(2.0);
		}
	}

	@Test
	void shouldShowHandlerTimingsPerRouteInActuatorMetrics() throws Exception {
		try (RawSocketClient client = connect()) {
			assertThat(echo(client, "ping")).isEqualTo("ping");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> get("/actuator/metrics/packnet.handler?tag=type:2").statusCode() == 200);
			DocumentContext json = JsonPath.parse(get("/actuator/metrics/packnet.handler?tag=type:2").body());
			assertThat(json.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class))
				.containsExactly(1.0);
			assertThat(json.read("$.availableTags[?(@.tag == 'handler')].values[0]", List.class))
				.containsExactly("chatHandler#echo");
		}
	}

	@Test
	void shouldDescribeTheServerSessionsGroupsAndMappingsInThePacknetEndpoint() throws Exception {
		try (RawSocketClient client = connect()) {
			join(client, "lobby");
			HttpResponse<String> response = get("/actuator/packnet");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.server", Map.class)).containsEntry("state", "RUNNING")
				.containsEntry("host", "127.0.0.1")
				.containsEntry("port", this.packetPort)
				.containsEntry("framing", "length-field(4 bytes, big-endian, max 1048576 bytes)");
			assertThat(json.read("$.sessions", Integer.class)).isEqualTo(1);
			assertThat(json.read("$.groupCount", Integer.class)).isEqualTo(1);
			assertThat(json.read("$.groups", Map.class)).containsExactly(Map.entry("lobby", 1));
			assertThat(json.read("$.handlers.routing", String.class)).isEqualTo("type field (1 bytes, BIG_ENDIAN)");
			assertThat(json.read("$.handlers.mappings", List.class)).containsExactly(
					Map.of("type", "1", "handler", "chatHandler#join(Session, String)"),
					Map.of("type", "2", "handler", "chatHandler#echo(String)"));
		}
	}

	@Test
	void shouldDescribeOneSessionWithGroupsAndAttributeNamesButNoValuesInThePacknetEndpoint() throws Exception {
		try (RawSocketClient client = connect()) {
			join(client, "room-7");
			join(client, "lobby");
			Session session = this.registry.sessions().iterator().next();
			HttpResponse<String> response = get("/actuator/packnet/" + session.id());
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.id", Long.class)).isEqualTo(session.id());
			assertThat(json.read("$.remoteAddress", String.class))
				.isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
			assertThat(json.read("$.localAddress", String.class)).isEqualTo("127.0.0.1:" + this.packetPort);
			assertThat(Duration.parse(json.read("$.age", String.class))).isGreaterThanOrEqualTo(Duration.ZERO);
			assertThat(json.read("$.groups", List.class)).containsExactly("lobby", "room-7");
			assertThat(json.read("$.attributes", List.class)).containsExactly("greeting", "user");
			assertThat(response.body()).doesNotContain(AttributeSetter.SECRET);
		}
	}

	@Test
	void shouldAnswerNotFoundForASessionThatIsNotOpen() throws Exception {
		assertThat(get("/actuator/packnet/987654321").statusCode()).isEqualTo(404);
	}

	private RawSocketClient connect() throws IOException {
		return connect(1);
	}

	/** Connects and waits until the server holds {@code expected} sessions, so reads see it. */
	private RawSocketClient connect(int expected) throws IOException {
		RawSocketClient client = new RawSocketClient(this.packetPort);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.size() == expected);
		return client;
	}

	/** Joins a group through the handler; the handler replies once it has joined. */
	private static void join(RawSocketClient client, String group) throws IOException {
		client.writeFrame(4, ByteOrder.BIG_ENDIAN, typed(1, group));
		assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).isEqualTo(typed(1, "joined " + group));
	}

	private static String echo(RawSocketClient client, String text) throws IOException {
		client.writeFrame(4, ByteOrder.BIG_ENDIAN, typed(2, text));
		byte[] reply = client.readFrame(4, ByteOrder.BIG_ENDIAN);
		return new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8);
	}

	private static byte[] typed(int type, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[body.length + 1];
		frame[0] = (byte) type;
		System.arraycopy(body, 0, frame, 1, body.length);
		return frame;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ChatHandler.class)
	static class TestApplication {

		@Bean
		AttributeSetter attributeSetter() {
			return new AttributeSetter();
		}

	}

	@PacketHandler("chatHandler")
	static class ChatHandler {

		private final BroadcastTemplate broadcast;

		ChatHandler(BroadcastTemplate broadcast) {
			this.broadcast = broadcast;
		}

		@PacketMapping(1)
		String join(Session session, String group) {
			this.broadcast.join(group, session);
			return "joined " + group;
		}

		@PacketMapping(2)
		String echo(String text) {
			return text;
		}

	}

	/** Gives every session attributes whose values must never appear in the endpoint. */
	static class AttributeSetter implements SessionListener {

		static final String SECRET = "s3cr3t-token";

		@Override
		public void sessionStarted(Session session) {
			session.attributes().put("user", "alice");
			session.attributes().put("greeting", SECRET);
		}

	}

}
