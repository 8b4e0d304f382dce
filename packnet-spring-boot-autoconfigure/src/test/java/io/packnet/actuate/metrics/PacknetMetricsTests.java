package io.packnet.actuate.metrics;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.server.ServerOptions;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters {@link PacknetMetrics} binds, driven by a real server and socket clients.
 */
class PacknetMetricsTests {

	private final TestServer server = new TestServer(LengthFieldProtocol.defaults(),
			new ServerOptions().maxConnections(1), TestServer.ECHO);

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void shouldCountSessionsFramesAndBytesFromTheStatistics() throws Exception {
		new PacknetMetrics(this.server.statistics, this.server.registry, null).bindTo(this.meters);
		try (RawSocketClient client = new RawSocketClient(this.server.port())) {
			for (int i = 0; i < 3; i++) {
				client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 1, 2, 3, 4, 5 });
				client.readFrame(4, ByteOrder.BIG_ENDIAN);
			}
			assertThat(gauge("packnet.sessions.active")).isEqualTo(1);
			// replies are read before their write listeners run: the pending count drains right after
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge("packnet.outbound.pending") == 0);
			assertThat(counter("packnet.sessions.opened")).isEqualTo(1);
			assertThat(counter("packnet.frames.received")).isEqualTo(3);
			assertThat(counter("packnet.data.received")).isEqualTo(15);
			assertThat(counter("packnet.frames.sent")).isEqualTo(3);
			assertThat(counter("packnet.data.sent")).isEqualTo(15);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("packnet.sessions.active") == 0);
		assertThat(this.meters.get("packnet.sessions.closed").tag("reason", "PEER_CLOSED").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("packnet.sessions.closed").functionCounters()).hasSize(CloseReason.values().length);
	}

	@Test
	void shouldCountRejectedConnectionsAndDroppedFrames() throws Exception {
		new PacknetMetrics(this.server.statistics, this.server.registry, null).bindTo(this.meters);
		try (RawSocketClient first = new RawSocketClient(this.server.port())) {
			// accepted connections initialize on different event loops: let the first take the only slot
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.registry.size() == 1);
			try (RawSocketClient second = new RawSocketClient(this.server.port())) {
				assertThat(second.awaitClosedByServer()).isTrue();
				assertThat(counter("packnet.connections.rejected")).isEqualTo(1);
			}
		}
		this.server.statistics.frameDroppedOverflow();
		this.server.statistics.frameDroppedUnmapped();
		this.server.statistics.sessionAuthenticated();
		assertThat(counter("packnet.sessions.authenticated")).isEqualTo(1);
		this.server.statistics.frameDroppedUnmapped();
		assertThat(this.meters.get("packnet.frames.dropped").tag("reason", "OVERFLOW").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("packnet.frames.dropped").tag("reason", "UNMAPPED").functionCounter().count())
			.isEqualTo(2);
	}

	@Test
	void shouldCountGroupsBroadcastsAndDeliveriesWhenBroadcastIsAvailable() throws Exception {
		BroadcastTemplate broadcast = new BroadcastTemplate(this.server.registry, MessageEncoder.plain(),
				LengthFieldProtocol.defaults());
		new PacknetMetrics(this.server.statistics, this.server.registry, broadcast).bindTo(this.meters);
		assertThat(gauge("packnet.groups")).isZero();
		try (RawSocketClient client = new RawSocketClient(this.server.port())) {
			Session session = this.server.started.poll(5, TimeUnit.SECONDS);
			assertThat(session).isNotNull();
			broadcast.join("lobby", session);
			broadcast.join("room-7", session);
			assertThat(gauge("packnet.groups")).isEqualTo(2);
			assertThat(broadcast.broadcast("lobby", "hello")).isEqualTo(1);
			assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
			assertThat(counter("packnet.broadcasts")).isEqualTo(1);
			assertThat(counter("packnet.broadcast.recipients")).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> counter("packnet.broadcast.deliveries") == 1);
			assertThat(counter("packnet.broadcast.undelivered")).isZero();
			// broadcast frames count as sent too (once per event loop's share, not per member)
			assertThat(counter("packnet.frames.sent")).isEqualTo(1);
			assertThat(counter("packnet.data.sent")).isEqualTo(5);
		}
	}

	@Test
	void shouldNotBindBroadcastMetersWithoutBroadcast() {
		new PacknetMetrics(this.server.statistics, this.server.registry, null).bindTo(this.meters);
		assertThat(this.meters.find("packnet.groups").gauge()).isNull();
		assertThat(this.meters.find("packnet.broadcasts").functionCounter()).isNull();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private double counter(String name) {
		return this.meters.get(name).functionCounter().count();
	}

}
