package io.packnet.cluster;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.ClusterActuatorAutoConfiguration;
import io.packnet.autoconfigure.ClusterAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.autoconfigure.actuate.PacknetHealthContributorAutoConfiguration;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.client.PacketClient;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import org.awaitility.core.ConditionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts packnet servers that form a cluster over a test Redis, and connects clients to them.
 */
final class ClusterTestNodes {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** Gives each test its own channels, so nothing crosses from one test to the next. */
	private static final AtomicInteger clusters = new AtomicInteger();

	private ClusterTestNodes() {
	}

	/**
	 * A runner for one node of a new cluster: packnet on a free port, the relay on the given Redis
	 * with a short heartbeat, and timeouts generous enough for a busy shared machine (a slow answer
	 * must not count as Redis down where a test expects every broadcast relayed).
	 */
	static ApplicationContextRunner runner(int redisPort) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PacknetAutoConfiguration.class,
					BroadcastAutoConfiguration.class, ClusterAutoConfiguration.class,
					ClusterActuatorAutoConfiguration.class, PacknetHealthContributorAutoConfiguration.class))
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
					"packnet.server.worker-threads=2", "packnet.cluster.enabled=true",
					"packnet.cluster.channel-prefix=test-" + clusters.incrementAndGet(),
					"packnet.cluster.heartbeat-interval=200ms", "packnet.cluster.publish-timeout=10s",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"spring.data.redis.timeout=10s", "spring.data.redis.connect-timeout=2s");
	}

	/**
	 * Runs a test with several nodes of one cluster, all started and their relays up.
	 * @param runner the runner of {@link #runner(int)}
	 * @param count how many nodes
	 * @param test the test, given the nodes' contexts
	 */
	static void withNodes(ApplicationContextRunner runner, int count,
			NodesTest test) throws Throwable {
		withNodes(runner, count, new ArrayList<>(), test);
	}

	private static void withNodes(ApplicationContextRunner runner, int remaining,
			List<AssertableApplicationContext> nodes, NodesTest test)
			throws Throwable {
		if (remaining == 0) {
			for (AssertableApplicationContext node : nodes) {
				RedisBroadcastRelay relay = node.getBean(RedisBroadcastRelay.class);
				waitUpTo(TIMEOUT).until(() -> relay.status().state() == ClusterStatus.State.UP);
			}
			test.accept(nodes);
			return;
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			nodes.add(context);
			withNodes(runner, remaining - 1, nodes, test);
		});
	}

	static ConditionFactory waitUpTo(Duration timeout) {
		return await().atMost(timeout).pollInterval(Duration.ofMillis(20));
	}

	static BroadcastTemplate template(AssertableApplicationContext node) {
		return node.getBean(BroadcastTemplate.class);
	}

	static ClusterStatistics statistics(AssertableApplicationContext node) {
		return node.getBean(RedisBroadcastRelay.class).statistics();
	}

	/** Connects a client to a node; its frames go to the inbox. */
	static PacketClient connect(AssertableApplicationContext node, Inbox inbox) {
		return PacketClient.builder(node.getBean(PacketProtocol.class))
			.onFrame(inbox)
			.connect("127.0.0.1", node.getBean(PacketServer.class).port());
	}

	/** Finds the server's session of a client. */
	static Session session(AssertableApplicationContext node, PacketClient client) {
		SessionRegistry registry = node.getBean(SessionRegistry.class);
		SocketAddress address = client.localAddress();
		List<Session> found = new ArrayList<>();
		waitUpTo(TIMEOUT).until(() -> {
			registry.sessions().stream().filter((s) -> s.remoteAddress().equals(address)).findFirst().ifPresent(found::add);
			return !found.isEmpty();
		});
		return found.get(0);
	}

	/** A client's received frames, as text, in order. */
	static final class Inbox implements Consumer<byte[]> {

		private final List<String> frames = new ArrayList<>();

		@Override
		public synchronized void accept(byte[] frame) {
			this.frames.add(new String(frame, StandardCharsets.UTF_8));
		}

		synchronized List<String> frames() {
			return new ArrayList<>(this.frames);
		}

		synchronized long count(String prefix) {
			return this.frames.stream().filter((frame) -> frame.startsWith(prefix)).count();
		}

		synchronized boolean contains(String frame) {
			return this.frames.contains(frame);
		}

	}

	/** A test given running nodes. */
	@FunctionalInterface
	interface NodesTest {

		void accept(List<AssertableApplicationContext> nodes) throws Throwable;

	}

}
