package io.packnet.server;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.socket.DuplexChannel;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.event.PacketServerStoppingEvent;
import io.packnet.event.SessionClosedEvent;
import io.packnet.event.SessionStartedEvent;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.CommandServerConfiguration;
import io.packnet.support.RawSocketClient;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions as an application sees them: events exactly once, a close reason provoked from a real
 * socket for each way a session ends, sends, attributes and the registry.
 */
class SessionLifecycleTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class))
		.withUserConfiguration(CommandServerConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldPublishStartedAndClosedOncePerConnectionWithPeerClosed() {
		this.runner.run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			int port = context.getBean(PacketServer.class).port();
			Set<Long> ids = new HashSet<>();
			for (int i = 0; i < 5; i++) {
				try (RawSocketClient client = new RawSocketClient(port)) {
					client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 1 });
					client.readFrame(4, ByteOrder.BIG_ENDIAN);
				}
				SessionStartedEvent started = events.nextStarted();
				SessionClosedEvent closed = events.nextClosed();
				assertThat(closed.session().id()).isEqualTo(started.session().id());
				assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
				assertThat(closed.session().isOpen()).isFalse();
				ids.add(started.session().id());
			}
			assertThat(ids).hasSize(5);
			await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(SessionRegistry.class).size() == 0);
			assertThat(events.started).isEmpty();
			assertThat(events.closed).isEmpty();
		});
	}

	@Test
	void shouldCloseWithIdleTimeoutWhenNothingArrives() {
		this.runner.withPropertyValues("packnet.session.idle-timeout=300ms").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				assertThat(client.awaitClosedByServer()).isTrue();
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
			}
		});
	}

	@Test
	void shouldNotCloseAnActiveSessionWhenIdleTimeoutIsSet() {
		this.runner.withPropertyValues("packnet.session.idle-timeout=400ms").run((context) -> {
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
				while (System.nanoTime() < end) {
					client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 7 });
					assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(7);
					Thread.sleep(100);
				}
			}
		});
	}

	@Test
	void shouldCloseWithFrameTooLargeAndCauseWhenTheHeaderClaimsTooMuch() {
		this.runner.withPropertyValues("packnet.protocol.max-frame-size=1KB").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				client.writeRaw(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
				assertThat(client.awaitClosedByServer()).isTrue();
				SessionClosedEvent closed = events.nextClosed();
				assertThat(closed.reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
				assertThat(closed.cause()).isInstanceOf(FrameTooLargeException.class)
					.hasMessageContaining("4294967295 bytes");
			}
		});
	}

	@Test
	void shouldCloseWithProtocolErrorWhenTheBytesCannotBeAFrame() {
		this.runner.withPropertyValues("packnet.protocol.length-includes-header=true").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				client.writeRaw(RawSocketClient.header(4, ByteOrder.BIG_ENDIAN, 2));
				assertThat(client.awaitClosedByServer()).isTrue();
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
			}
		});
	}

	@Test
	void shouldCloseAsSlowConsumerWhenAPeerStopsReadingAndPolicyIsClose() {
		this.runner.withPropertyValues("packnet.session.max-pending-bytes=256KB").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient slow = new RawSocketClient(context.getBean(PacketServer.class).port());
					RawSocketClient healthy = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				slow.socket().setReceiveBufferSize(4096);
				// 4,000 x 16 KiB = 64 MiB asked for; the limit closes the session long before
				slow.writeFrame(4, ByteOrder.BIG_ENDIAN, "flood:4000:16384".getBytes(StandardCharsets.UTF_8));
				SessionClosedEvent closed = events.nextClosed();
				assertThat(closed.reason()).isEqualTo(CloseReason.SLOW_CONSUMER);
				assertThat(closed.cause()).hasMessageContaining("packnet.session.max-pending-bytes");
				healthy.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 1 });
				assertThat(healthy.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(1);
			}
		});
	}

	@Test
	void shouldDropAndCountFramesAndKeepTheSessionWhenPolicyIsDrop() {
		this.runner.withPropertyValues("packnet.session.max-pending-bytes=256KB", "packnet.session.overflow-policy=drop")
			.run((context) -> {
				RecordingListener events = context.getBean(RecordingListener.class);
				PacknetStatistics statistics = context.getBean(PacknetStatistics.class);
				try (RawSocketClient slow = new RawSocketClient(context.getBean(PacketServer.class).port())) {
					slow.socket().setReceiveBufferSize(4096);
					slow.writeFrame(4, ByteOrder.BIG_ENDIAN, "flood:2000:16384".getBytes(StandardCharsets.UTF_8));
					await().atMost(Duration.ofSeconds(10)).until(() -> statistics.framesDroppedOverflow() > 0);
					assertThat(events.closed).isEmpty();
					Session session = context.getBean(SessionRegistry.class).sessions().iterator().next();
					assertThat(session.isOpen()).isTrue();
					// the server's queue for this session stays bounded by the limit (plus one frame)
					assertThat(session.pendingOutboundBytes()).isLessThanOrEqualTo(256 * 1024 + 16384 + 64);
				}
			});
	}

	@Test
	void shouldFlushQueuedFramesThenCloseWhenTheApplicationCloses() {
		this.runner.run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				client.writeFrame(4, ByteOrder.BIG_ENDIAN, "close".getBytes(StandardCharsets.UTF_8));
				assertThat(new String(client.readFrame(4, ByteOrder.BIG_ENDIAN), StandardCharsets.UTF_8))
					.isEqualTo("bye");
				assertThat(client.awaitClosedByServer()).isTrue();
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.CLOSED_BY_APPLICATION);
			}
		});
	}

	@Test
	void shouldDeliverTheLastRepliesToAPeerThatIsStillSendingWhenTheApplicationCloses() {
		this.runner.run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			PacketClientFactory clients = context.getBean(PacketClientFactory.class);
			try (PacketClient client = clients.connect("127.0.0.1", context.getBean(PacketServer.class).port())) {
				DuplexChannel server = (DuplexChannel) ((ChannelSession) events.nextStarted().session()).channel();
				// a busy client: it reads later, and keeps sending after the server is done
				client.channel().config().setAutoRead(false);
				client.send("close").get(5, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(5)).until(() -> server.isOutputShutdown() || !server.isActive());
				List<CompletableFuture<Void>> writes = new ArrayList<>();
				for (int i = 0; i < 64; i++) {
					writes.add(client.send(new byte[4096]));
				}
				// a connection reset (the server closing on unread bytes) fails these writes and the client
				// closes, dropping "bye" unread; a half-close takes them and lets the client read on
				CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
					.handle((ok, ex) -> null)
					.get(5, TimeUnit.SECONDS);
				client.channel().config().setAutoRead(true);
				byte[] bye = client.receive(Duration.ofSeconds(5));
				assertThat(bye).as("the reply sent before the close").isNotNull();
				assertThat(new String(bye, StandardCharsets.UTF_8)).isEqualTo("bye");
				client.closeFuture().get(5, TimeUnit.SECONDS);
			}
			assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.CLOSED_BY_APPLICATION);
		});
	}

	@Test
	void shouldFailAnOversizedSendAndKeepTheSessionOpen() {
		this.runner.withPropertyValues("packnet.protocol.max-frame-size=1KB").run((context) -> {
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				client.writeFrame(4, ByteOrder.BIG_ENDIAN, "big:2048".getBytes(StandardCharsets.UTF_8));
				assertThat(new String(client.readFrame(4, ByteOrder.BIG_ENDIAN), StandardCharsets.UTF_8))
					.startsWith("failed: " + FrameTooLargeException.class.getName())
					.contains("2048 bytes exceeds the maximum frame size of 1024");
				client.writeFrame(4, ByteOrder.BIG_ENDIAN, "big:1024".getBytes(StandardCharsets.UTF_8));
				assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).hasSize(1024);
				assertThat(new String(client.readFrame(4, ByteOrder.BIG_ENDIAN), StandardCharsets.UTF_8))
					.isEqualTo("sent");
			}
		});
	}

	@Test
	void shouldSayGoodbyeOnStoppingThenCloseWithServerShutdown() throws Exception {
		RecordingListener[] events = new RecordingListener[1];
		RawSocketClient client = null;
		try {
			RawSocketClient[] holder = new RawSocketClient[1];
			this.runner.withPropertyValues("packnet.server.shutdown-timeout=2s")
				.withBean("goodbye", ApplicationListener.class,
						() -> (ApplicationListener<PacketServerStoppingEvent>) (event) -> event.server()
							.registry()
							.sessions()
							.forEach((session) -> session.send("goodbye")))
				.run((context) -> {
					events[0] = context.getBean(RecordingListener.class);
					holder[0] = new RawSocketClient(context.getBean(PacketServer.class).port());
					events[0].nextStarted();
				});
			client = holder[0];
			assertThat(new String(client.readFrame(4, ByteOrder.BIG_ENDIAN), StandardCharsets.UTF_8))
				.isEqualTo("goodbye");
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(events[0].stopping).hasSize(1);
			assertThat(events[0].nextClosed().reason()).isEqualTo(CloseReason.SERVER_SHUTDOWN);
		}
		finally {
			if (client != null) {
				client.close();
			}
		}
	}

	@Test
	void shouldKeepTypedAttributesPerSession() {
		this.runner.run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				Session session = events.nextStarted().session();
				session.attributes().put("user", "ada");
				assertThat(session.attribute("user", String.class)).isEqualTo("ada");
				assertThat(context.getBean(SessionRegistry.class).find(session.id())).containsSame(session);
				assertThat(session.remoteAddress().toString()).contains("127.0.0.1");
				assertThat(session.localAddress().toString()).contains(":" + context.getBean(PacketServer.class).port());
				org.assertj.core.api.Assertions.assertThatExceptionOfType(ClassCastException.class)
					.isThrownBy(() -> session.attribute("user", Integer.class))
					.withMessageContaining("'user' is a java.lang.String");
			}
		});
	}

	@Test
	void shouldTalkToTheServerThroughTheAutoConfiguredClient() {
		this.runner.run((context) -> {
			PacketClientFactory clients = context.getBean(PacketClientFactory.class);
			try (PacketClient client = clients.connect("127.0.0.1", context.getBean(PacketServer.class).port())) {
				client.send("ping").get(5, TimeUnit.SECONDS);
				assertThat(new String(client.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8)).isEqualTo("ping");
				client.send(new byte[0]).get(5, TimeUnit.SECONDS);
				assertThat(client.receive(Duration.ofSeconds(5))).isEmpty();
			}
		});
	}

}
