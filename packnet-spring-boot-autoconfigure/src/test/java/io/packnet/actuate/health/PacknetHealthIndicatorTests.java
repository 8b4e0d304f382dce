package io.packnet.actuate.health;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.server.PacketServerException;
import io.packnet.server.ServerOptions;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The status and details the {@code packnet} health indicator reports in each server state.
 */
class PacknetHealthIndicatorTests {

	private final TestServer running = new TestServer(LengthFieldProtocol.defaults());

	@AfterEach
	void stopServer() {
		this.running.close();
	}

	@Test
	void shouldBeUpWithDetailsWhenTheServerAccepts() throws Exception {
		PacknetHealthIndicator indicator = new PacknetHealthIndicator(this.running.server, null);
		try (RawSocketClient client = new RawSocketClient(this.running.port())) {
			client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 1 });
			client.readFrame(4, ByteOrder.BIG_ENDIAN);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", "RUNNING")
				.containsEntry("host", "127.0.0.1")
				.containsEntry("port", this.running.port())
				.containsEntry("transport", this.running.server.transport().displayName())
				.containsEntry("framing", "length-field(4 bytes, big-endian, max 1048576 bytes)")
				.containsEntry("sessions", 1)
				.containsEntry("connectionsRejected", 0L);
		}
	}

	@Test
	void shouldReportTheGroupCountWhenBroadcastIsAvailable() throws Exception {
		BroadcastTemplate broadcast = new BroadcastTemplate(this.running.registry, MessageEncoder.plain(),
				LengthFieldProtocol.defaults());
		PacknetHealthIndicator indicator = new PacknetHealthIndicator(this.running.server, broadcast);
		assertThat(indicator.health().getDetails()).containsEntry("groups", 0);
		try (RawSocketClient client = new RawSocketClient(this.running.port())) {
			broadcast.join("lobby", this.running.started.poll(5, TimeUnit.SECONDS));
			assertThat(indicator.health().getDetails()).containsEntry("groups", 1);
		}
		assertThat(new PacknetHealthIndicator(this.running.server, null).health().getDetails())
			.doesNotContainKey("groups");
	}

	@Test
	void shouldBeDownWhenTheServerFailedToBind() {
		PacketServer clash = server(new ServerOptions().host("127.0.0.1").port(this.running.port()));
		assertThatExceptionOfType(PacketServerException.class).isThrownBy(clash::start);
		Health health = new PacknetHealthIndicator(clash, null).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getStatus().getDescription()).startsWith("not listening");
		assertThat(health.getDetails()).containsEntry("state", "FAILED").containsEntry("port", this.running.port());
	}

	@Test
	void shouldBeDownWhenTheServerHasNotStarted() {
		PacketServer notStarted = server(new ServerOptions().host("127.0.0.1").port(0));
		Health health = new PacknetHealthIndicator(notStarted, null).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "NEW").containsEntry("transport", "auto");
	}

	@Test
	void shouldBeOutOfServiceWhileDrainingAndAfterStopping() throws Exception {
		PacknetHealthIndicator indicator = new PacknetHealthIndicator(this.running.server, null);
		try (RawSocketClient client = new RawSocketClient(this.running.port())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.running.registry.size() == 1);
			this.running.server.stopAccepting();
			Health draining = indicator.health();
			assertThat(draining.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(draining.getStatus().getDescription()).startsWith("draining");
			assertThat(draining.getDetails()).containsEntry("state", "DRAINING").containsEntry("sessions", 1);
			this.running.server.stop();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(indicator.health().getDetails()).containsEntry("state", "STOPPED").containsEntry("sessions", 0);
		}
	}

	private static PacketServer server(ServerOptions options) {
		return new PacketServer(options, LengthFieldProtocol.defaults(), PacketDispatcher.NONE, new SessionRegistry(),
				MessageEncoder.plain(), List.of(), new PacknetStatistics());
	}

}
