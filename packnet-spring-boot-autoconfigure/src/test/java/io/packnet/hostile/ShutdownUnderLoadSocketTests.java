package io.packnet.hostile;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.codec.MessageEncoder;
import io.packnet.event.PacketServerStoppingEvent;
import io.packnet.event.SessionClosedEvent;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown while 20 clients keep sending: every frame a handler took before the stop is
 * answered, in order and without gaps, and every session is told with
 * {@link CloseReason#SERVER_SHUTDOWN}; nothing is answered twice or lost in the middle.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownUnderLoadSocketTests {

	private static final int CLIENTS = 20;

	private static final int WINDOW = 32;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class,
				BroadcastAutoConfiguration.class))
		.withUserConfiguration(ShutdownConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1", "packnet.server.shutdown-timeout=5s");

	@Test
	void shouldAnswerEveryFrameTakenBeforeTheStopAndTellEverySession() throws Exception {
		EventLoopGroup clientThreads = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
		List<SequencedClient> clients = new ArrayList<>();
		Map<Integer, Long> sessionIdByPort = new HashMap<>();
		AtomicBoolean sending = new AtomicBoolean(true);
		Thread driver = new Thread(() -> drive(clients, sending), "shutdown-driver");
		HostileTestHandler[] handler = new HostileTestHandler[1];
		StopSnapshot[] snapshot = new StopSnapshot[1];
		RecordingListener[] events = new RecordingListener[1];
		try {
			this.runner.run((context) -> {
				handler[0] = context.getBean(HostileTestHandler.class);
				snapshot[0] = context.getBean(StopSnapshot.class);
				events[0] = context.getBean(RecordingListener.class);
				int port = context.getBean(PacketServer.class).port();
				for (int i = 0; i < CLIENTS; i++) {
					clients.add(new SequencedClient(context.getBean(PacketProtocol.class),
							context.getBean(MessageEncoder.class), clientThreads, port));
				}
				for (int i = 0; i < CLIENTS; i++) {
					Session session = events[0].nextStarted().session();
					sessionIdByPort.put(((InetSocketAddress) session.remoteAddress()).getPort(), session.id());
				}
				driver.start();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> clients.stream().mapToInt(SequencedClient::receivedCount).sum() >= 2_000);
				// stop while the driver keeps sending
				context.close();
			});
			for (SequencedClient client : clients) {
				client.client.closeFuture().get(10, TimeUnit.SECONDS);
			}
			sending.set(false);
			driver.join(10_000);
			for (SequencedClient client : clients) {
				long sessionId = sessionIdByPort.get(client.localPort());
				List<Integer> received = client.received;
				for (int seq = 0; seq < received.size(); seq++) {
					assertThat(received.get(seq)).as("reply %d of session %d", seq, sessionId).isEqualTo(seq);
				}
				assertThat(received).as("every frame the handler took was answered")
					.hasSize(handler[0].echoedFor(sessionId));
				assertThat(received.size()).as("answered, against frames taken before the stop began")
					.isGreaterThanOrEqualTo(snapshot[0].echoedWhenStopBegan.get(sessionId));
				assertThat(client.errors).isEmpty();
			}
			assertThat(snapshot[0].echoedWhenStopBegan).hasSize(CLIENTS);
			List<CloseReason> reasons = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				SessionClosedEvent closed = events[0].nextClosed();
				reasons.add(closed.reason());
			}
			assertThat(reasons).containsOnly(CloseReason.SERVER_SHUTDOWN);
		}
		finally {
			sending.set(false);
			for (SequencedClient client : clients) {
				client.client.close();
			}
			clientThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	/** Keeps every client at most {@link #WINDOW} frames ahead of its replies until told to stop. */
	private static void drive(List<SequencedClient> clients, AtomicBoolean sending) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
		while (sending.get() && System.nanoTime() < deadline) {
			boolean sent = false;
			for (SequencedClient client : clients) {
				if (client.client.isOpen() && client.sent - client.receivedCount() < WINDOW) {
					client.sendNext();
					sent = true;
				}
			}
			if (!sent) {
				LockSupport.parkNanos(200_000);
			}
		}
	}

	/** Sends ECHO frames carrying 0, 1, 2... and records the sequence numbers that come back. */
	static final class SequencedClient {

		final PacketClient client;

		final List<Integer> received = new CopyOnWriteArrayList<>();

		final List<String> errors = new CopyOnWriteArrayList<>();

		volatile int sent;

		SequencedClient(PacketProtocol protocol, MessageEncoder encoder, EventLoopGroup group, int port) {
			this.client = PacketClient.builder(protocol)
				.encoder(encoder)
				.eventLoopGroup(group, NioSocketChannel.class)
				.onFrame(this::onFrame)
				.connect("127.0.0.1", port);
		}

		void sendNext() {
			this.client.send(HostileTestHandler.ECHO, ByteBuffer.allocate(4).putInt(0, this.sent).array());
			this.sent++;
		}

		private void onFrame(byte[] frame) {
			if (frame.length != 5 || frame[0] != HostileTestHandler.ECHO) {
				this.errors.add("unexpected frame of " + frame.length + " bytes, type " + frame[0]);
				return;
			}
			this.received.add(ByteBuffer.wrap(frame, 1, 4).getInt());
		}

		int receivedCount() {
			return this.received.size();
		}

		int localPort() {
			return ((InetSocketAddress) this.client.localAddress()).getPort();
		}

	}

	/** Records, when the stop begins, how many echoes the handler has taken per session. */
	static class StopSnapshot {

		final Map<Long, Integer> echoedWhenStopBegan = new ConcurrentHashMap<>();

		private final HostileTestHandler handler;

		StopSnapshot(HostileTestHandler handler) {
			this.handler = handler;
		}

		@EventListener
		void on(PacketServerStoppingEvent event) {
			event.server()
				.registry()
				.sessions()
				.forEach((session) -> this.echoedWhenStopBegan.put(session.id(), this.handler.echoedFor(session.id())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(HostileTestHandler.class)
	static class ShutdownConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		StopSnapshot stopSnapshot(HostileTestHandler handler) {
			return new StopSnapshot(handler);
		}

	}

}
