package io.packnet.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static io.packnet.broadcast.BroadcastSocketTests.waitUpTo;

/**
 * {@link BroadcastTemplate} under concurrency on real sockets: join, leave, close and broadcast
 * from many threads at once; the final membership must match what each thread did, closed sessions
 * must be in no group, and every frame a client receives must be intact and in its broadcaster's order.
 */
class BroadcastConcurrencyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, BroadcastAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.server.worker-threads=4", "packnet.server.shutdown-timeout=2s");

	private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

	private final ExecutorService threads = Executors.newFixedThreadPool(5);

	@AfterEach
	void stop() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void shouldEndInTheStateEachThreadMadeWhenJoinLeaveCloseAndBroadcastRace() {
		this.runner.run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			int count = 40;
			int membershipThreads = 3;
			int opsPerThread = 1500;
			List<Verifier> verifiers = new ArrayList<>();
			List<PacketClient> clients = new ArrayList<>();
			List<Session> sessions = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Verifier verifier = new Verifier(membershipThreads + 1);
				verifiers.add(verifier);
				PacketClient client = connect(context, verifier);
				clients.add(client);
				sessions.add(BroadcastSocketTests.serverSession(context, client.localAddress()));
			}
			// every fourth session (of every membership thread) closes during the run
			Set<Integer> doomed = new HashSet<>();
			for (int i = 0; i < count; i += 4) {
				doomed.add(i);
			}
			ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
			AtomicInteger opsDone = new AtomicInteger();
			List<Map<Integer, Set<String>>> models = new ArrayList<>();
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < membershipThreads; t++) {
				int thread = t;
				Map<Integer, Set<String>> model = new HashMap<>();
				models.add(model);
				running.add(this.threads.submit(() -> {
					SplittableRandom random = new SplittableRandom(thread);
					int seq = 0;
					for (int op = 0; op < opsPerThread; op++) {
						// each membership thread owns the sessions i with i % membershipThreads == thread
						int index = thread + membershipThreads * random.nextInt(count / membershipThreads);
						Session session = sessions.get(index);
						Set<String> expected = model.computeIfAbsent(index, (key) -> new HashSet<>());
						String group = GROUPS.get(random.nextInt(GROUPS.size()));
						boolean mayBeClosed = doomed.contains(index);
						int choice = random.nextInt(10);
						if (choice < 4) {
							boolean joined = template.join(group, session);
							check(errors, mayBeClosed || joined == !expected.contains(group),
									"join " + group + " of " + index + " returned " + joined);
							if (joined) {
								expected.add(group);
							}
						}
						else if (choice < 7) {
							boolean left = template.leave(group, session);
							check(errors, mayBeClosed || left == expected.contains(group),
									"leave " + group + " of " + index + " returned " + left);
							expected.remove(group);
						}
						else if (choice < 8) {
							Set<String> left = template.leaveAll(session);
							check(errors, mayBeClosed || left.equals(expected),
									"leaveAll of " + index + " returned " + left + ", not " + expected);
							expected.clear();
						}
						else {
							template.broadcast(group, Verifier.frame(thread, seq++, group, random));
						}
						opsDone.incrementAndGet();
					}
					return null;
				}));
			}
			int totalOps = membershipThreads * opsPerThread;
			running.add(this.threads.submit(() -> {
				// a broadcaster to everyone, also reading the membership while it changes
				SplittableRandom random = new SplittableRandom(99);
				int broadcasts = 300;
				for (int seq = 0; seq < broadcasts && opsDone.get() < totalOps; seq++) {
					template.broadcastAll(Verifier.frame(membershipThreads, seq, "all", random));
					for (String group : template.groups()) {
						template.members(group).forEach(template::groupsOf);
					}
					int after = totalOps * seq / broadcasts;
					waitUpTo(TIMEOUT).until(() -> opsDone.get() >= after);
				}
				return null;
			}));
			running.add(this.threads.submit(() -> {
				int closed = 0;
				for (int index : doomed) {
					int after = totalOps * ++closed / (doomed.size() + 1);
					waitUpTo(TIMEOUT).until(() -> opsDone.get() >= after);
					// half closed by the server, half by the client
					if (closed % 2 == 0) {
						sessions.get(index).close();
					}
					else {
						clients.get(index).close();
					}
				}
				return null;
			}));
			for (Future<?> future : running) {
				future.get(60, TimeUnit.SECONDS);
			}
			SessionRegistry registry = context.getBean(SessionRegistry.class);
			waitUpTo(TIMEOUT).until(() -> registry.size() == count - doomed.size());
			// a session leaves the registry just before the close listeners run: give the last ones
			// time; a ghost member would stay forever
			waitUpTo(TIMEOUT).until(() -> doomed.stream().allMatch((index) -> template.groupsOf(sessions.get(index)).isEmpty()
					&& GROUPS.stream().noneMatch((group) -> template.members(group).contains(sessions.get(index)))));
			assertThat(errors).isEmpty();

			Map<String, Set<Session>> expectedMembers = new HashMap<>();
			for (int index = 0; index < count; index++) {
				Session session = sessions.get(index);
				if (doomed.contains(index)) {
					assertThat(session.isOpen()).isFalse();
					assertThat(template.groupsOf(session)).as("groups of closed session %d", index).isEmpty();
					continue;
				}
				Set<String> expected = models.get(index % membershipThreads).getOrDefault(index, Set.of());
				assertThat(template.groupsOf(session)).as("groups of session %d", index).isEqualTo(expected);
				expected.forEach((group) -> expectedMembers.computeIfAbsent(group, (key) -> new HashSet<>()).add(session));
			}
			assertThat(template.groups()).isEqualTo(expectedMembers.keySet());
			for (String group : GROUPS) {
				assertThat(template.members(group)).as("members of %s", group)
					.isEqualTo(expectedMembers.getOrDefault(group, Set.of()));
			}
			assertThat(template.trackedSessions()).isLessThanOrEqualTo(count - doomed.size());

			// every surviving member still receives, intact
			for (String group : template.groups()) {
				assertThat(template.broadcast(group, "final:" + group)).isEqualTo(expectedMembers.get(group).size());
			}
			for (int index = 0; index < count; index++) {
				if (!doomed.contains(index)) {
					Verifier verifier = verifiers.get(index);
					Set<String> groups = template.groupsOf(sessions.get(index));
					waitUpTo(TIMEOUT).until(() -> verifier.finals().equals(groups));
				}
			}
			BroadcastStatistics statistics = template.statistics();
			waitUpTo(TIMEOUT)
				.until(() -> statistics.deliveries() + statistics.undelivered() == statistics.recipients());
			long frames = verifiers.stream().mapToLong(Verifier::received).sum();
			List<String> corrupt = verifiers.stream().flatMap((verifier) -> verifier.errors().stream()).toList();
			assertThat(corrupt).isEmpty();
			assertThat(frames).isPositive();
			System.out.println("Concurrency: " + statistics.broadcasts() + " broadcasts, " + statistics.deliveries()
					+ " deliveries, " + statistics.undelivered() + " undelivered, " + frames
					+ " frames verified by clients");
			clients.forEach(PacketClient::close);
		});
	}

	@Test
	void shouldLeaveNoGhostMemberWhenSessionsCloseWhileJoining() {
		this.runner.run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			int count = 60;
			List<PacketClient> clients = new ArrayList<>();
			List<Session> sessions = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				PacketClient client = connect(context, (frame) -> {
				});
				clients.add(client);
				sessions.add(BroadcastSocketTests.serverSession(context, client.localAddress()));
			}
			List<String> groups = new ArrayList<>();
			for (int g = 0; g < 10; g++) {
				groups.add("room-" + g);
			}
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				int thread = t;
				running.add(this.threads.submit(() -> {
					// joiners sweep every session and group, in opposite directions, until all are closed
					for (int round = 0; round < 200 && sessions.stream().anyMatch(Session::isOpen); round++) {
						for (int i = 0; i < count; i++) {
							Session session = sessions.get((thread == 0) ? i : count - 1 - i);
							groups.forEach((group) -> template.join(group, session));
						}
					}
					return null;
				}));
			}
			running.add(this.threads.submit(() -> {
				for (int i = 0; i < count; i++) {
					if (i % 2 == 0) {
						sessions.get(i).close();
					}
					else {
						clients.get(i).channel().close();
					}
					Thread.yield();
				}
				return null;
			}));
			for (Future<?> future : running) {
				future.get(60, TimeUnit.SECONDS);
			}
			SessionRegistry registry = context.getBean(SessionRegistry.class);
			waitUpTo(TIMEOUT).until(() -> registry.size() == 0);
			// a session leaves the registry just before the close listeners run: give the last ones
			// time; a ghost member would stay forever
			waitUpTo(TIMEOUT).until(() -> template.groups().isEmpty());
			assertThat(template.trackedSessions()).isZero();
			sessions.forEach((session) -> assertThat(template.groupsOf(session)).isEmpty());
			clients.forEach(PacketClient::close);
		});
	}

	private static void check(ConcurrentLinkedQueue<String> errors, boolean condition, String message) {
		if (!condition) {
			errors.add(message);
		}
	}

	private PacketClient connect(AssertableApplicationContext context, Consumer<byte[]> onFrame) {
		return PacketClient.builder(context.getBean(PacketProtocol.class))
			.eventLoopGroup(this.clientGroup, NioSocketChannel.class)
			.onFrame(onFrame)
			.connect("127.0.0.1", context.getBean(PacketServer.class).port());
	}

	/**
	 * Checks every frame a client receives: {@code broadcaster|seq|group|filler|crc32}, with the CRC
	 * matching and each broadcaster's sequence numbers increasing; {@code final:GROUP} frames are
	 * collected.
	 */
	static final class Verifier implements Consumer<byte[]> {

		private final int[] lastSeq;

		private final List<String> errors = new ArrayList<>();

		private final Set<String> finals = new HashSet<>();

		private long received;

		Verifier(int broadcasters) {
			this.lastSeq = new int[broadcasters];
			Arrays.fill(this.lastSeq, -1);
		}

		static byte[] frame(int broadcaster, int seq, String group, SplittableRandom random) {
			String body = broadcaster + "|" + seq + "|" + group + "|" + "x".repeat(random.nextInt(2000));
			CRC32 crc = new CRC32();
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			crc.update(bytes);
			return (body + "|" + Long.toHexString(crc.getValue())).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public synchronized void accept(byte[] frame) {
			this.received++;
			String text = new String(frame, StandardCharsets.UTF_8);
			if (text.startsWith("final:")) {
				this.finals.add(text.substring(6));
				return;
			}
			int bar = text.lastIndexOf('|');
			String[] parts = text.split("\\|");
			CRC32 crc = new CRC32();
			crc.update(text.substring(0, Math.max(bar, 0)).getBytes(StandardCharsets.UTF_8));
			if (bar < 0 || parts.length != 5 || !Long.toHexString(crc.getValue()).equals(text.substring(bar + 1))) {
				this.errors.add("corrupt frame of " + frame.length + " bytes");
				return;
			}
			int broadcaster = Integer.parseInt(parts[0]);
			int seq = Integer.parseInt(parts[1]);
			if (seq <= this.lastSeq[broadcaster]) {
				this.errors.add("broadcaster " + broadcaster + " frame " + seq + " after " + this.lastSeq[broadcaster]);
			}
			this.lastSeq[broadcaster] = seq;
		}

		synchronized List<String> errors() {
			return new ArrayList<>(this.errors);
		}

		synchronized Set<String> finals() {
			return new HashSet<>(this.finals);
		}

		synchronized long received() {
			return this.received;
		}

	}

}
