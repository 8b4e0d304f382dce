package io.packnet.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.client.PacketClient;
import io.packnet.cluster.ClusterTestNodes.Inbox;
import io.packnet.session.Session;
import io.packnet.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static io.packnet.cluster.ClusterTestNodes.TIMEOUT;
import static io.packnet.cluster.ClusterTestNodes.connect;
import static io.packnet.cluster.ClusterTestNodes.runner;
import static io.packnet.cluster.ClusterTestNodes.session;
import static io.packnet.cluster.ClusterTestNodes.statistics;
import static io.packnet.cluster.ClusterTestNodes.template;
import static io.packnet.cluster.ClusterTestNodes.waitUpTo;
import static io.packnet.cluster.ClusterTestNodes.withNodes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups and sends across packnet servers relayed by a real redis-server, with real clients on
 * 127.0.0.1: every member on every node gets each broadcast once and in order per broadcaster,
 * sends reach sessions on other nodes, and the session left out is left out everywhere.
 */
class ClusterRelaySocketTests {

	private static RedisServer redis;

	private final List<PacketClient> clients = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(PacketClient::close);
	}

	@Test
	void shouldDeliverEachBroadcastOnceAndInOrderToMembersOnEveryNodeWhenThreeNodesBroadcastAtOnce() throws Throwable {
		withNodes(runner(redis.port()), 3, (nodes) -> {
			int perNode = 2;
			int messages = 150;
			List<Inbox> members = new ArrayList<>();
			List<Inbox> outsiders = new ArrayList<>();
			for (AssertableApplicationContext node : nodes) {
				for (int i = 0; i < perNode; i++) {
					Inbox inbox = new Inbox();
					members.add(inbox);
					assertThat(template(node).join("room", session(node, client(node, inbox)))).isTrue();
				}
				Inbox outsider = new Inbox();
				outsiders.add(outsider);
				template(node).join("elsewhere", session(node, client(node, outsider)));
			}
			ExecutorService broadcasters = Executors.newFixedThreadPool(nodes.size());
			try {
				List<Future<List<Integer>>> handedTo = new ArrayList<>();
				for (int n = 0; n < nodes.size(); n++) {
					BroadcastTemplate template = template(nodes.get(n));
					String sender = "node" + n;
					handedTo.add(broadcasters.submit(() -> IntStream.range(0, messages)
						.mapToObj((seq) -> template.broadcast("room", sender + ":" + seq))
						.toList()));
				}
				for (Future<List<Integer>> future : handedTo) {
					// each node hands a broadcast to its own members only; the others get it from Redis
					assertThat(future.get(60, TimeUnit.SECONDS)).containsOnly(perNode);
				}
			}
			finally {
				broadcasters.shutdownNow();
			}
			// an end marker from every node: anything duplicated would arrive before it
			for (int n = 0; n < nodes.size(); n++) {
				template(nodes.get(n)).broadcast("room", "end:node" + n);
			}
			for (Inbox inbox : members) {
				waitUpTo(TIMEOUT).until(() -> inbox.count("end:") == nodes.size());
			}
			List<String> expectedPerSender = IntStream.range(0, messages).mapToObj(Integer::toString).toList();
			for (Inbox inbox : members) {
				List<String> frames = inbox.frames();
				assertThat(frames).hasSize(nodes.size() * (messages + 1));
				for (int n = 0; n < nodes.size(); n++) {
					String prefix = "node" + n + ":";
					assertThat(frames.stream().filter((frame) -> frame.startsWith(prefix))
						.map((frame) -> frame.substring(prefix.length())))
						.as("frames from node %d, in order, each once", n)
						.containsExactlyElementsOf(expectedPerSender);
				}
			}
			for (Inbox outsider : outsiders) {
				assertThat(outsider.frames()).isEmpty();
			}
			for (AssertableApplicationContext node : nodes) {
				ClusterStatistics statistics = statistics(node);
				assertThat(statistics.relayed()).isEqualTo(messages + 1);
				assertThat(statistics.received()).isEqualTo((nodes.size() - 1) * (messages + 1L));
				assertThat(statistics.notRelayed()).isZero();
				assertThat(statistics.duplicates()).isZero();
			}
		});
	}

	@Test
	void shouldReachSessionsOnOtherNodesWhenSendingByIdBroadcastingToAllOrLeavingOutTheSender() throws Throwable {
		withNodes(runner(redis.port()), 2, (nodes) -> {
			AssertableApplicationContext nodeA = nodes.get(0);
			AssertableApplicationContext nodeB = nodes.get(1);
			Inbox inboxA = new Inbox();
			Inbox inboxB = new Inbox();
			Session sessionA = session(nodeA, client(nodeA, inboxA));
			Session sessionB = session(nodeB, client(nodeB, inboxB));
			// session ids carry their node's id, so every node knows where a session lives
			assertThat(ClusterNode.nodeOf(sessionA.id())).isEqualTo(nodeA.getBean(ClusterNode.class).id());
			assertThat(ClusterNode.nodeOf(sessionB.id())).isEqualTo(nodeB.getBean(ClusterNode.class).id());
			assertThat(sessionA.id()).isNotEqualTo(sessionB.id());

			assertThat(template(nodeA).send(sessionB.id(), "to B from A")).isOne();
			assertThat(template(nodeB).send(sessionA.id(), "to A from B")).isOne();
			waitUpTo(TIMEOUT).until(() -> inboxB.contains("to B from A") && inboxA.contains("to A from B"));

			template(nodeA).join("room", sessionA);
			template(nodeB).join("room", sessionB);
			// A's sender is left out on A; the other node's members get it
			assertThat(template(nodeA).broadcast("room", "said by A", sessionA)).isZero();
			// frames from different broadcasters (here, nodes) have no order between them: wait for A's first
			waitUpTo(TIMEOUT).until(() -> inboxB.contains("said by A"));
			assertThat(template(nodeB).broadcastAll("to everyone")).isOne();
			waitUpTo(TIMEOUT).until(() -> inboxA.contains("to everyone") && inboxB.contains("to everyone"));
			assertThat(inboxB.frames()).containsExactly("to B from A", "said by A", "to everyone");
			assertThat(inboxA.frames()).containsExactly("to A from B", "to everyone");

			// a session of another node that has closed: handed to the relay, dropped by its node
			this.clients.get(1).close();
			waitUpTo(TIMEOUT).until(() -> template(nodeB).size("room") == 0);
			long received = statistics(nodeB).received();
			assertThat(template(nodeA).send(sessionB.id(), "too late")).isOne();
			waitUpTo(TIMEOUT).until(() -> statistics(nodeB).received() == received + 1);
			// a session of this node that has closed is not relayed
			long relayed = statistics(nodeB).relayed();
			assertThat(template(nodeB).send(sessionB.id(), "gone")).isZero();
			assertThat(statistics(nodeB).relayed()).isEqualTo(relayed);
		});
	}

	private PacketClient client(AssertableApplicationContext node, Inbox inbox) {
		PacketClient client = connect(node, inbox);
		this.clients.add(client);
		return client;
	}

}
