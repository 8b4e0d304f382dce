package io.packnet.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.packnet.actuate.health.PacknetHealthIndicator;
import io.packnet.client.PacketClient;
import io.packnet.cluster.ClusterTestNodes.Inbox;
import io.packnet.session.Session;
import io.packnet.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
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
 * Redis stops while two packnet servers run, then comes back on the same port: local delivery
 * never stops, what could not be relayed is counted, health says why the cluster is down, and the
 * relay recovers by itself.
 */
class ClusterRedisOutageTests {

	private RedisServer redis;

	private final List<PacketClient> clients = new ArrayList<>();

	@BeforeEach
	void startRedis() {
		this.redis = RedisServer.start();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(PacketClient::close);
		this.redis.close();
	}

	@Test
	void shouldDeliverLocallyCountAndReportDownWhileRedisIsStoppedThenRecoverWhenItReturns() throws Throwable {
		withNodes(runner(this.redis.port()).withPropertyValues("packnet.cluster.publish-timeout=500ms",
				"spring.data.redis.timeout=1s"), 2, (nodes) -> {
			AssertableApplicationContext nodeA = nodes.get(0);
			AssertableApplicationContext nodeB = nodes.get(1);
			Inbox inboxA = new Inbox();
			Inbox inboxA2 = new Inbox();
			Inbox inboxB = new Inbox();
			join(nodeA, inboxA);
			join(nodeA, inboxA2);
			join(nodeB, inboxB);
			PacknetHealthIndicator healthA = nodeA.getBean(PacknetHealthIndicator.class);
			assertThat(healthA.health().getStatus()).isEqualTo(Status.UP);
			assertThat(cluster(healthA.health())).containsEntry("status", "UP");
			assertThat(template(nodeA).broadcast("room", "before")).isEqualTo(2);
			waitUpTo(TIMEOUT).until(() -> inboxB.contains("before"));

			this.redis.stop();
			// first the publish that Redis no longer answers, then (past spring.data.redis.timeout) refused connections
			waitUpTo(TIMEOUT).until(() -> healthA.health().getStatus().equals(Status.DOWN));
			waitUpTo(TIMEOUT).until(() -> String.valueOf(cluster(healthA.health()).get("reason"))
				.startsWith("Redis cannot be reached"));
			Health down = healthA.health();
			assertThat(down.getDetails()).containsEntry("state", "RUNNING");
			assertThat(cluster(down)).containsEntry("status", "DOWN").containsKeys("reason", "since", "nodeId", "notRelayed");
			System.out.println("packnet health while Redis is stopped: " + down.getStatus() + " " + down.getDetails());
			// local members still get every broadcast; relaying them fails at once and is counted
			long notRelayed = statistics(nodeA).notRelayed();
			for (int i = 0; i < 20; i++) {
				assertThat(template(nodeA).broadcast("room", "during-" + i)).isEqualTo(2);
			}
			waitUpTo(TIMEOUT).until(() -> inboxA.count("during-") == 20 && inboxA2.count("during-") == 20);
			assertThat(statistics(nodeA).notRelayed()).isGreaterThanOrEqualTo(notRelayed + 20);
			assertThat(inboxB.count("during-")).isZero();

			this.redis.restart();
			RedisBroadcastRelay relayA = nodeA.getBean(RedisBroadcastRelay.class);
			RedisBroadcastRelay relayB = nodeB.getBean(RedisBroadcastRelay.class);
			waitUpTo(TIMEOUT).until(() -> relayA.status().state() == ClusterStatus.State.UP
					&& relayB.status().state() == ClusterStatus.State.UP);
			assertThat(healthA.health().getStatus()).isEqualTo(Status.UP);
			assertThat(cluster(healthA.health())).containsEntry("status", "UP").doesNotContainKey("reason");
			// both UP means A publishes and B's subscription is back: the next broadcast crosses again
			AtomicInteger probes = new AtomicInteger();
			waitUpTo(TIMEOUT).until(() -> {
				template(nodeA).broadcast("room", "after-" + probes.incrementAndGet());
				return inboxB.count("after-") > 0;
			});
			// local members got every probe, the ones sent while B's subscription was still reconnecting too
			waitUpTo(TIMEOUT).until(() -> inboxA.count("after-") == probes.get());
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cluster(Health health) {
		return (Map<String, Object>) health.getDetails().get("cluster");
	}

	private void join(AssertableApplicationContext node, Inbox inbox) {
		PacketClient client = connect(node, inbox);
		this.clients.add(client);
		Session session = session(node, client);
		template(node).join("room", session);
	}

}
