package io.packnet.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.server.PacketServer;
import io.packnet.session.ChannelSession;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code packnet.handler.executor=task-executor} over real sockets: handlers leave the event loop,
 * each session's frames stay in order and never overlap, sessions run in parallel, and a session
 * whose queue passes {@code max-queued-frames} stops being read until it drains.
 */
class OffLoopExecutionSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
				PacketHandlerAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withUserConfiguration(SequenceHandler.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1", "packnet.handler.executor=task-executor");

	@Test
	void shouldKeepEachSessionsOrderWhileSessionsRunInParallel() {
		int sessions = 16;
		int frames = 200;
		this.runner.run((context) -> {
			SequenceHandler handler = context.getBean(SequenceHandler.class);
			PacketClientFactory factory = context.getBean(PacketClientFactory.class);
			int port = context.getBean(PacketServer.class).port();
			List<PacketClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < sessions; i++) {
					clients.add(factory.connect("127.0.0.1", port));
				}
				for (int n = 0; n < frames; n++) {
					for (PacketClient client : clients) {
						client.send(1, Integer.toString(n));
					}
				}
				for (PacketClient client : clients) {
					for (int n = 0; n < frames; n++) {
						byte[] reply = client.receive(TIMEOUT);
						assertThat(reply).as("reply %d", n).isNotNull();
						assertThat(new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8))
							.isEqualTo(Integer.toString(n));
					}
				}
			}
			finally {
				clients.forEach(PacketClient::close);
			}
			assertThat(handler.violations).isEmpty();
			assertThat(handler.threads).allMatch((name) -> name.startsWith("task-"));
			assertThat(handler.threads).hasSizeGreaterThan(1);
		});
	}

	@Test
	void shouldStopReadingASessionWhoseQueuePassesTheBoundAndResumeWhenItDrains() {
		this.runner.withPropertyValues("packnet.handler.max-queued-frames=8").run((context) -> {
			SequenceHandler handler = context.getBean(SequenceHandler.class);
			PacketClientFactory factory = context.getBean(PacketClientFactory.class);
			int port = context.getBean(PacketServer.class).port();
			try (PacketClient slow = factory.connect("127.0.0.1", port);
					PacketClient other = factory.connect("127.0.0.1", port)) {
				slow.send(2, "block").join();
				assertThat(handler.blocked.await(5, TimeUnit.SECONDS)).isTrue();
				for (int n = 0; n < 50; n++) {
					slow.send(1, Integer.toString(n));
				}
				ChannelSession slowSession = await().atMost(TIMEOUT)
					.until(() -> pausedSession(context.getBean(SessionRegistry.class)), (session) -> session != null);
				// another session is served while the first one's handler is blocked
				other.send(1, "0").join();
				assertThat(other.receive(TIMEOUT)).isNotNull();
				handler.release.countDown();
				assertThat(slow.receive(TIMEOUT)).isNotNull();
				for (int n = 0; n < 50; n++) {
					byte[] reply = slow.receive(TIMEOUT);
					assertThat(reply).as("reply %d", n).isNotNull();
					assertThat(new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8))
						.isEqualTo(Integer.toString(n));
				}
				await().atMost(TIMEOUT).until(() -> slowSession.channel().config().isAutoRead());
			}
			assertThat(handler.violations).isEmpty();
		});
	}

	private static ChannelSession pausedSession(SessionRegistry registry) {
		for (Session session : registry.sessions()) {
			ChannelSession channelSession = (ChannelSession) session;
			if (!channelSession.channel().config().isAutoRead()) {
				return channelSession;
			}
		}
		return null;
	}

	@PacketHandler
	static class SequenceHandler {

		final List<String> violations = new CopyOnWriteArrayList<>();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@PacketMapping(1)
		String sequence(Session session, String text) {
			this.threads.add(Thread.currentThread().getName());
			AtomicInteger inFlight = (AtomicInteger) session.attributes()
				.computeIfAbsent("inFlight", (key) -> new AtomicInteger());
			if (inFlight.incrementAndGet() != 1) {
				this.violations.add("concurrent frames on session " + session.id());
			}
			int n = Integer.parseInt(text);
			Integer previous = (Integer) session.attributes().put("last", n);
			if (previous != null && previous != n - 1) {
				this.violations.add("session " + session.id() + " saw " + n + " after " + previous);
			}
			Thread.yield();
			inFlight.decrementAndGet();
			return text;
		}

		@PacketMapping(2)
		String block() throws InterruptedException {
			this.blocked.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return "unblocked";
		}

	}

}
