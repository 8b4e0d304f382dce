package io.packnet.hostile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.broadcast.BroadcastStatistics;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.client.PacketClient;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No loss: 100 connections send sequenced frames for a while (10 s; {@code -Dpacknet.soak.seconds}
 * for longer), through a {@code @PacketHandler} echo and through a group broadcast to all 100.
 * Every frame must arrive exactly once, in order, intact: each echo back at its sender, each
 * broadcast at every member, in the order its publisher sent it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NoLossSoakTests {

	private static final int CLIENTS = 100;

	private static final int ECHO_WINDOW = 8;

	private static final int PUBLISH_WINDOW = 1;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class,
				BroadcastAutoConfiguration.class))
		.withUserConfiguration(SoakConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1");

	@Test
	void shouldDeliverEveryEchoAndBroadcastExactlyOnceInOrderAndIntact() throws Exception {
		Duration soak = Duration.ofSeconds(Long.getLong("packnet.soak.seconds", 10));
		EventLoopGroup clientThreads = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
		List<SoakClient> clients = new ArrayList<>();
		try {
			this.runner.run((context) -> {
				PacketProtocol protocol = context.getBean(PacketProtocol.class);
				MessageEncoder encoder = context.getBean(MessageEncoder.class);
				int port = context.getBean(PacketServer.class).port();
				for (int i = 0; i < CLIENTS; i++) {
					clients.add(new SoakClient(i, protocol, encoder, clientThreads, port));
				}
				clients.forEach(SoakClient::join);
				BroadcastTemplate broadcast = context.getBean(BroadcastTemplate.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> broadcast.size(HostileTestHandler.GROUP) == CLIENTS
						&& clients.stream().allMatch((client) -> client.joined.get()));
				AtomicBoolean sending = new AtomicBoolean(true);
				Thread driver = new Thread(() -> drive(clients, sending, soak), "soak-driver");
				driver.start();
				driver.join(soak.toMillis() + 30_000);
				sending.set(false);
				// everything sent arrives: echoes at their sender, broadcasts at all members
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
					.until(() -> clients.stream().allMatch((client) -> client.caughtUp(clients)));
				for (SoakClient client : clients) {
					assertThat(client.errors).as("client %d", client.index).isEmpty();
				}
				long echoes = clients.stream().mapToLong((client) -> client.echoSent).sum();
				long published = clients.stream().mapToLong((client) -> client.publishSent).sum();
				assertThat(echoes).as("echo frames").isGreaterThan(CLIENTS * 10L);
				assertThat(published).as("broadcasts").isGreaterThan(CLIENTS);
				BroadcastStatistics broadcastStatistics = context.getBean(BroadcastStatistics.class);
				assertThat(broadcastStatistics.broadcasts()).isEqualTo(published);
				assertThat(broadcastStatistics.deliveries()).isEqualTo(published * CLIENTS);
				assertThat(broadcastStatistics.undelivered()).isZero();
				PacknetStatistics statistics = context.getBean(PacknetStatistics.class);
				assertThat(statistics.framesDroppedOverflow()).isZero();
				assertThat(context.getBean(RecordingListener.class).closed).as("no session closed during the soak")
					.isEmpty();
				System.out.println("soak " + soak + ": " + echoes + " echoes, " + published + " broadcasts to "
						+ CLIENTS + " (" + published * CLIENTS + " deliveries)");
				for (SoakClient client : clients) {
					client.client.close();
				}
				RecordingListener events = context.getBean(RecordingListener.class);
				for (int i = 0; i < CLIENTS; i++) {
					assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> broadcast.groups().isEmpty());
			});
		}
		finally {
			clients.forEach((client) -> client.client.close());
			clientThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	/** Keeps each client within its echo and publish windows until the soak time is up. */
	private static void drive(List<SoakClient> clients, AtomicBoolean sending, Duration soak) {
		long deadline = System.nanoTime() + soak.toNanos();
		while (sending.get() && System.nanoTime() < deadline) {
			boolean sent = false;
			for (SoakClient client : clients) {
				sent |= client.sendWithinWindows();
			}
			if (!sent) {
				LockSupport.parkNanos(100_000);
			}
		}
	}

	/** Payload of frame {@code seq} of client {@code index}: both numbers, then 0 to 47 derived bytes. */
	static byte[] payload(int index, int seq) {
		int length = seq % 48;
		ByteBuffer buffer = ByteBuffer.allocate(8 + length).putInt(index).putInt(seq);
		for (int i = 0; i < length; i++) {
			buffer.put((byte) (index * 31 + seq * 7 + i));
		}
		return buffer.array();
	}

	/** A connection that echoes and publishes sequenced frames and checks every frame it gets. */
	static final class SoakClient {

		final int index;

		final PacketClient client;

		final AtomicBoolean joined = new AtomicBoolean();

		final List<String> errors = new CopyOnWriteArrayList<>();

		/** Next echo sequence expected back. */
		final AtomicInteger echoReceived = new AtomicInteger();

		/** Next broadcast sequence expected from each publisher. */
		final AtomicIntegerArray publishedReceived = new AtomicIntegerArray(CLIENTS);

		volatile int echoSent;

		/** Broadcasts published so far: how many every member must get from this client. */
		volatile int publishSent;

		SoakClient(int index, PacketProtocol protocol, MessageEncoder encoder, EventLoopGroup group, int port) {
			this.index = index;
			this.client = PacketClient.builder(protocol)
				.encoder(encoder)
				.eventLoopGroup(group, NioSocketChannel.class)
				.onFrame(this::onFrame)
				.connect("127.0.0.1", port);
		}

		void join() {
			this.client.send(HostileTestHandler.JOIN, HostileTestHandler.GROUP);
		}

		boolean sendWithinWindows() {
			boolean sent = false;
			if (this.echoSent - this.echoReceived.get() < ECHO_WINDOW) {
				this.client.send(HostileTestHandler.ECHO, payload(this.index, this.echoSent));
				this.echoSent++;
				sent = true;
			}
			if (this.publishSent - this.publishedReceived.get(this.index) < PUBLISH_WINDOW) {
				this.client.send(HostileTestHandler.PUBLISH, payload(this.index, this.publishSent));
				this.publishSent++;
				sent = true;
			}
			return sent;
		}

		boolean caughtUp(List<SoakClient> all) {
			if (this.echoReceived.get() != this.echoSent) {
				return false;
			}
			for (SoakClient publisher : all) {
				if (this.publishedReceived.get(publisher.index) != publisher.publishSent) {
					return false;
				}
			}
			return true;
		}

		/** On the client's I/O thread: checks each frame against what must come next. */
		private void onFrame(byte[] frame) {
			int type = frame[0];
			if (type == HostileTestHandler.JOIN) {
				this.joined.set(new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8)
					.equals("joined " + HostileTestHandler.GROUP));
				return;
			}
			if (frame.length < 9 || (type != HostileTestHandler.ECHO && type != HostileTestHandler.PUBLISHED)) {
				error("unexpected frame of type " + type + ", " + frame.length + " bytes");
				return;
			}
			ByteBuffer body = ByteBuffer.wrap(frame, 1, frame.length - 1);
			int sender = body.getInt();
			int seq = body.getInt();
			if (sender < 0 || sender >= CLIENTS) {
				error("frame from unknown client " + sender);
				return;
			}
			byte[] expected = payload(sender, seq);
			if (frame.length - 1 != expected.length
					|| !ByteBuffer.wrap(frame, 1, frame.length - 1).equals(ByteBuffer.wrap(expected))) {
				error("corrupt frame " + seq + " of client " + sender);
			}
			if (type == HostileTestHandler.ECHO) {
				if (sender != this.index || this.echoReceived.getAndIncrement() != seq) {
					error("echo " + seq + " of client " + sender + " out of order or not ours");
				}
			}
			else if (this.publishedReceived.getAndIncrement(sender) != seq) {
				error("broadcast " + seq + " of client " + sender + " out of order");
			}
		}

		private void error(String message) {
			if (this.errors.size() < 20) {
				this.errors.add(message);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(HostileTestHandler.class)
	static class SoakConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
