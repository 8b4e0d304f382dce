package io.packnet.broadcast;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.event.SessionClosedEvent;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BroadcastTemplate} against real sockets on 127.0.0.1: many clients in several groups,
 * membership on close, slow consumers, and the sender left out. The concurrency tests are in
 * {@link BroadcastConcurrencyTests}.
 */
class BroadcastSocketTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, BroadcastAutoConfiguration.class))
		.withUserConfiguration(GroupCommandsConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.server.worker-threads=4");

	private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

	@AfterEach
	void stopClients() {
		this.clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void shouldDeliverExactlyTheirGroupsBroadcastsInOrderWhen200ClientsAreInSeveralGroups() {
		this.runner.run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			int count = 200;
			List<Inbox> inboxes = new ArrayList<>();
			List<PacketClient> clients = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Inbox inbox = new Inbox();
				inboxes.add(inbox);
				PacketClient client = connect(context, inbox);
				clients.add(client);
				client.send("join:room-" + (i % 5));
				if (i % 2 == 0) {
					client.send("join:evens");
				}
			}
			waitUpTo(TIMEOUT)
				.until(() -> template.size("evens") == 100
						&& Arrays.stream(new int[] { 0, 1, 2, 3, 4 }).allMatch((k) -> template.size("room-" + k) == 40));
			List<List<String>> expected = new ArrayList<>();
			inboxes.forEach((inbox) -> expected.add(new ArrayList<>()));
			long start = System.nanoTime();
			for (int seq = 0; seq < 60; seq++) {
				String group = (seq % 6 < 5) ? "room-" + (seq % 6) : "evens";
				String text = group + "#" + seq;
				// every kind of message a handler may return: the same bytes on the wire
				Object message = switch (seq % 3) {
					case 0 -> text;
					case 1 -> text.getBytes(StandardCharsets.UTF_8);
					default -> Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
				};
				assertThat(template.broadcast(group, message)).isEqualTo(group.equals("evens") ? 100 : 40);
				for (int i = 0; i < count; i++) {
					if (group.equals("evens") ? i % 2 == 0 : group.equals("room-" + (i % 5))) {
						expected.get(i).add(text);
					}
				}
			}
			assertThat(template.broadcastAll("end")).isEqualTo(count);
			waitUpTo(TIMEOUT).until(() -> inboxes.stream().allMatch(Inbox::ended));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			for (int i = 0; i < count; i++) {
				expected.get(i).add("end");
				assertThat(inboxes.get(i).texts()).as("frames of client %d", i).isEqualTo(expected.get(i));
			}
			BroadcastStatistics statistics = template.statistics();
			assertThat(statistics.broadcasts()).isEqualTo(61);
			assertThat(statistics.recipients()).isEqualTo(50 * 40 + 10 * 100 + 200);
			assertThat(statistics.deliveries()).isEqualTo(statistics.recipients());
			System.out.println("61 broadcasts, " + statistics.deliveries() + " frames to 200 clients in " + millis
					+ " ms (broadcast to last frame received)");
			clients.forEach(PacketClient::close);
		});
	}

	@Test
	void shouldLeaveOutTheSenderWhenAMemberBroadcastsFromItsEventLoop() {
		this.runner.run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			List<Inbox> inboxes = List.of(new Inbox(), new Inbox(), new Inbox());
			List<PacketClient> clients = new ArrayList<>();
			for (Inbox inbox : inboxes) {
				PacketClient client = connect(context, inbox);
				clients.add(client);
				client.send("join:room");
			}
			waitUpTo(TIMEOUT).until(() -> template.size("room") == 3);
			for (int i = 0; i < 20; i++) {
				clients.get(0).send("say:room:" + i);
			}
			waitUpTo(TIMEOUT).until(() -> inboxes.get(1).size() == 20 && inboxes.get(2).size() == 20);
			template.broadcastAll("end");
			waitUpTo(TIMEOUT).until(() -> inboxes.stream().allMatch(Inbox::ended));
			List<String> said = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				said.add(String.valueOf(i));
			}
			said.add("end");
			assertThat(inboxes.get(0).texts()).containsExactly("end");
			assertThat(inboxes.get(1).texts()).isEqualTo(said);
			assertThat(inboxes.get(2).texts()).isEqualTo(said);
			clients.forEach(PacketClient::close);
		});
	}

	@Test
	void shouldRemoveMembershipAfterOtherListenersAndBeforeTheClosedEventWhenSessionsClose() {
		this.runner.withUserConfiguration(CloseObserverConfiguration.class).run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			CloseObserver observer = context.getBean(CloseObserver.class);
			List<PacketClient> clients = new ArrayList<>();
			List<Session> sessions = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				PacketClient client = connect(context, new Inbox());
				clients.add(client);
				sessions.add(serverSession(context, client.localAddress()));
				template.join("room", sessions.get(i));
				template.join("lobby-" + i, sessions.get(i));
			}
			assertThat(template.groups()).containsExactlyInAnyOrder("room", "lobby-0", "lobby-1", "lobby-2");
			clients.get(0).close();
			sessions.get(1).close();
			waitUpTo(TIMEOUT).until(() -> template.groups().equals(Set.of("room", "lobby-2")));
			assertThat(template.members("room")).containsExactly(sessions.get(2));
			assertThat(template.groupsOf(sessions.get(0))).isEmpty();
			assertThat(template.groupsOf(sessions.get(1))).isEmpty();
			waitUpTo(TIMEOUT).until(() -> observer.events.size() == 2);
			// a SessionListener bean still sees the groups (to announce the departure); the event does not
			assertThat(observer.listenerSaw).containsExactlyInAnyOrder(Set.of("room", "lobby-0"),
					Set.of("room", "lobby-1"));
			assertThat(observer.events).containsOnly(Set.of());
			clients.get(2).close();
			waitUpTo(TIMEOUT).until(() -> template.groups().isEmpty());
			assertThat(template.trackedSessions()).isZero();
			clients.get(1).close();
		});
	}

	@Test
	void shouldCloseANeverReadingMemberWithoutDelayingTheOthersWhenThePolicyIsClose() throws IOException {
		this.runner.withPropertyValues("packnet.session.max-pending-bytes=64KB", "packnet.session.overflow-policy=close",
				"packnet.server.send-buffer-size=8KB")
			.run((context) -> slowConsumer(context, (slow) -> {
				waitUpTo(TIMEOUT).until(() -> slow.closeReason() == CloseReason.SLOW_CONSUMER);
				BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
				waitUpTo(TIMEOUT).until(() -> template.groupsOf(slow).isEmpty() && template.size("room") == 20);
			}));
	}

	@Test
	void shouldDropFramesForANeverReadingMemberWithoutDelayingTheOthersWhenThePolicyIsDrop() throws IOException {
		this.runner.withPropertyValues("packnet.session.max-pending-bytes=64KB", "packnet.session.overflow-policy=drop",
				"packnet.server.send-buffer-size=8KB")
			.run((context) -> slowConsumer(context, (slow) -> {
				assertThat(slow.isOpen()).isTrue();
				assertThat(context.getBean(BroadcastTemplate.class).statistics().undelivered()).isPositive();
				assertThat(context.getBean(PacknetStatistics.class).framesDroppedOverflow()).isPositive();
				assertThat(slow.pendingOutboundBytes()).isLessThanOrEqualTo(64 * 1024);
			}));
	}

	/**
	 * Broadcasts 400 frames of 1 KB to 20 reading clients and one that never reads, and checks that
	 * the readers get everything in order, then hands the never-reading session to {@code check}.
	 */
	private void slowConsumer(AssertableApplicationContext context, Consumer<Session> check) throws IOException {
		BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
		int port = context.getBean(PacketServer.class).port();
		try (Socket neverReads = new Socket()) {
			neverReads.setReceiveBufferSize(4096);
			neverReads.connect(new InetSocketAddress("127.0.0.1", port));
			byte[] join = "join:room".getBytes(StandardCharsets.UTF_8);
			DataOutputStream out = new DataOutputStream(neverReads.getOutputStream());
			out.writeInt(join.length);
			out.write(join);
			out.flush();
			Session slow = serverSession(context, neverReads.getLocalSocketAddress());
			List<Inbox> inboxes = new ArrayList<>();
			List<PacketClient> clients = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				Inbox inbox = new Inbox();
				inboxes.add(inbox);
				PacketClient client = connect(context, inbox);
				clients.add(client);
				client.send("join:room");
			}
			waitUpTo(TIMEOUT).until(() -> template.size("room") == 21);
			long start = System.nanoTime();
			long slowestRound = 0;
			byte[] payload = new byte[1024];
			// rounds of 16 KB, each awaited by the readers: they stay far below the 64 KB limit
			for (int round = 0; round < 25; round++) {
				long roundStart = System.nanoTime();
				for (int i = round * 16; i < (round + 1) * 16; i++) {
					byte[] frame = payload.clone();
					frame[0] = (byte) (i >> 8);
					frame[1] = (byte) i;
					assertThat(template.broadcast("room", frame)).isBetween(20, 21);
				}
				int received = (round + 1) * 16;
				waitUpTo(TIMEOUT).until(() -> inboxes.stream().allMatch((inbox) -> inbox.size() == received));
				slowestRound = Math.max(slowestRound, System.nanoTime() - roundStart);
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long slowestMillis = TimeUnit.NANOSECONDS.toMillis(slowestRound);
			System.out.println("20 readers received 400 x 1 KB beside a never-reading member in " + millis
					+ " ms (slowest round of 16 frames: " + slowestMillis + " ms)");
			assertThat(slowestMillis).as("readers delayed by the never-reading member").isLessThan(5_000);
			for (Inbox inbox : inboxes) {
				List<byte[]> frames = inbox.frames();
				for (int i = 0; i < 400; i++) {
					assertThat(((frames.get(i)[0] & 0xFF) << 8) | (frames.get(i)[1] & 0xFF)).isEqualTo(i & 0xFFFF);
				}
			}
			check.accept(slow);
			clients.forEach(PacketClient::close);
		}
	}

	/** Awaits a condition, polling every few milliseconds: most conditions here hold within a few. */
	static ConditionFactory waitUpTo(Duration timeout) {
		return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
	}

	private PacketClient connect(AssertableApplicationContext context, Inbox inbox) {
		return PacketClient.builder(context.getBean(PacketProtocol.class))
			.eventLoopGroup(this.clientGroup, NioSocketChannel.class)
			.onFrame(inbox)
			.connect("127.0.0.1", context.getBean(PacketServer.class).port());
	}

	/** Finds the server's session of a client by the client's local address. */
	static Session serverSession(AssertableApplicationContext context, SocketAddress clientAddress) {
		SessionRegistry registry = context.getBean(SessionRegistry.class);
		List<Session> found = new ArrayList<>();
		waitUpTo(TIMEOUT).until(() -> {
			registry.sessions()
				.stream()
				.filter((session) -> session.remoteAddress().equals(clientAddress))
				.findFirst()
				.ifPresent(found::add);
			return !found.isEmpty();
		});
		return found.get(0);
	}

	/** A client's received frames, in order; "end" marks the last one a test expects. */
	static final class Inbox implements Consumer<byte[]> {

		private final List<byte[]> frames = new ArrayList<>();

		private volatile boolean ended;

		@Override
		public synchronized void accept(byte[] frame) {
			this.frames.add(frame);
			if (Arrays.equals(frame, "end".getBytes(StandardCharsets.UTF_8))) {
				this.ended = true;
			}
		}

		boolean ended() {
			return this.ended;
		}

		synchronized int size() {
			return this.frames.size();
		}

		synchronized List<byte[]> frames() {
			return new ArrayList<>(this.frames);
		}

		synchronized List<String> texts() {
			return this.frames.stream().map((frame) -> new String(frame, StandardCharsets.UTF_8)).toList();
		}

	}

	/**
	 * Text commands from clients: {@code join:GROUP}, {@code leave:GROUP}, {@code say:GROUP:TEXT}
	 * (broadcast to the group except the sender, from the sender's event loop).
	 */
	static final class GroupCommands implements PacketDispatcher {

		private final BroadcastTemplate template;

		GroupCommands(BroadcastTemplate template) {
			this.template = template;
		}

		@Override
		public void dispatch(Session session, ByteBuf frame) {
			String command = frame.toString(StandardCharsets.UTF_8);
			if (command.startsWith("join:")) {
				this.template.join(command.substring(5), session);
			}
			else if (command.startsWith("leave:")) {
				this.template.leave(command.substring(6), session);
			}
			else if (command.startsWith("say:")) {
				String[] parts = command.split(":", 3);
				this.template.broadcast(parts[1], parts[2], session);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GroupCommandsConfiguration {

		@Bean
		GroupCommands groupCommands(BroadcastTemplate template) {
			return new GroupCommands(template);
		}

	}

	/** Records what a SessionListener bean and a SessionClosedEvent listener see of a closed session's groups. */
	static final class CloseObserver implements SessionListener {

		final ConcurrentLinkedQueue<Set<String>> listenerSaw = new ConcurrentLinkedQueue<>();

		final ConcurrentLinkedQueue<Set<String>> events = new ConcurrentLinkedQueue<>();

		private final BroadcastTemplate template;

		CloseObserver(BroadcastTemplate template) {
			this.template = template;
		}

		@Override
		public void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
			this.listenerSaw.add(new HashSet<>(this.template.groupsOf(session)));
		}

		@EventListener
		void on(SessionClosedEvent event) {
			this.events.add(new HashSet<>(this.template.groupsOf(event.session())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CloseObserverConfiguration {

		@Bean
		CloseObserver closeObserver(BroadcastTemplate template) {
			return new CloseObserver(template);
		}

	}

}
