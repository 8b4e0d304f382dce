package io.packnet.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;
import io.packnet.benchmarks.load.BroadcastLoadGenerator;
import io.packnet.benchmarks.load.BroadcastResult;
import io.packnet.benchmarks.server.ClusterOptions;
import io.packnet.benchmarks.server.RelayReport;

/**
 * Cross-node broadcast: the broadcast scenario's load on packnet nodes that relay broadcasts through a real
 * {@code redis-server} (one per scenario, on a free port, stopped at its end). Per round, each in fresh JVMs:
 * one node without the relay (the reference), one node with it (every receiver local, every broadcast also
 * published to Redis), and two nodes with the receivers split between them and the sender on the first, so
 * that half of the deliveries cross Redis. Every receiver must get every broadcast once and in order. Each
 * node's relay counters are read after its run; a broadcast the relay dropped marks the row and fails the run.
 */
final class ClusterScenario {

	private static final ServerUnderTest SERVER = ServerUnderTest.PACKNET_BROADCAST;

	private static final Duration REDIS_START_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private final Harness harness;

	private final Set<Setup> setups;

	/** Numbers the runs, so that each gets its own channel prefix and no message crosses from one to the next. */
	private int runs;

	/** Every setup: the reference, one node and two nodes. */
	ClusterScenario(Harness harness) {
		this(harness, EnumSet.allOf(Setup.class));
	}

	/** Only {@code setups}, in their declared order (a smoke test leaves out the reference). */
	ClusterScenario(Harness harness, Set<Setup> setups) {
		this.harness = Objects.requireNonNull(harness, "harness");
		this.setups = EnumSet.copyOf(setups);
	}

	/** Runs every round and prints the table; returns the rows measured (failed runs have none). */
	List<Row> run() throws InterruptedException {
		if (!harness.servers(Role.BROADCAST).contains(SERVER)) {
			harness.progress("cluster scenario skipped: it measures " + SERVER.label() + ", which --servers leaves out");
			return List.of();
		}
		harness.progress("starting redis-server for the cluster scenario");
		RedisProcess redis = startRedis();
		if (redis == null) {
			return List.of();
		}
		List<Row> rows = new ArrayList<>();
		try (redis) {
			for (int round = 1; round <= harness.plan().rounds(); round++) {
				for (Setup setup : setups) {
					Row row = measure(setup, round, redis);
					if (row != null) {
						rows.add(row);
						failIfNotRelayed(row);
					}
				}
			}
		}
		print(rows, redis.port());
		return List.copyOf(rows);
	}

	private @Nullable RedisProcess startRedis() throws InterruptedException {
		try {
			return RedisProcess.start(REDIS_START_TIMEOUT);
		}
		catch (IOException | IllegalStateException ex) {
			harness.recordFailure("cluster scenario FAILED: " + ex.getMessage());
			return null;
		}
	}

	private @Nullable Row measure(Setup setup, int round, RedisProcess redis) throws InterruptedException {
		BenchmarkPlan plan = harness.plan();
		ClusterOptions cluster = new ClusterOptions(redis.port(),
				"packnet-benchmarks-" + ProcessHandle.current().pid() + "-" + (++runs));
		List<List<String>> nodeArgs = new ArrayList<>();
		for (int node = 0; node < setup.nodes; node++) {
			nodeArgs.add(setup.relay ? cluster.args() : List.of());
		}
		String what = "cluster: " + setup.label + ", " + plan.broadcastReceivers() + " receivers, round " + round + "/"
				+ plan.rounds();
		return harness.withServers(SERVER, what, nodeArgs, new long[] { redis.pid() }, processes -> {
			List<InetSocketAddress> nodes = processes.stream().map(ServerProcess::address).toList();
			BroadcastResult result;
			try {
				result = BroadcastLoadGenerator.run(BroadcastScenario.spec(plan, nodes.get(0))
					.receiversSpreadOver(nodes)
					.build());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(ex.getMessage() + relaysAfterFailure(processes), ex);
			}
			return new Row(setup, round, result, relays(processes));
		});
	}

	private static List<RelayReport> relays(List<ServerProcess> processes) throws InterruptedException {
		List<RelayReport> relays = new ArrayList<>();
		for (ServerProcess process : processes) {
			RelayReport relay = process.relay(COMMAND_TIMEOUT);
			if (relay != null) {
				relays.add(relay);
			}
		}
		return relays;
	}

	/** The relay counters, to tell a broadcast the relay dropped from one a node lost; best effort. */
	private static String relaysAfterFailure(List<ServerProcess> processes) throws InterruptedException {
		try {
			List<RelayReport> relays = relays(processes);
			return relays.isEmpty() ? "" : "; relay counters: " + describe(relays);
		}
		catch (RuntimeException ex) {
			return "; relay counters unavailable: " + ex.getMessage();
		}
	}

	private void failIfNotRelayed(Row row) {
		if (row.notRelayed() > 0) {
			harness.recordFailure("cluster: " + row.setup().label + ", round " + row.round() + " FAILED: the relay "
					+ "could not relay " + row.notRelayed() + " broadcasts (" + describe(row.relays()) + "); they "
					+ "reached the sender's node only, so the row's deliveries/s do not include their relay");
		}
	}

	private void print(List<Row> rows, int redisPort) {
		BenchmarkPlan plan = harness.plan();
		ResultTable table = new ResultTable("Cross-node broadcast through redis-server (127.0.0.1:" + redisPort + "): "
				+ BroadcastScenario.describe(plan) + "; vs 1 node = deliveries/s over the cluster-on single node's",
				ResultTable.headers(List.of("setup", "round", "receivers"), BroadcastScenario.MEASUREMENT_HEADERS,
						List.of("vs 1 node", "not relayed")));
		for (Row row : rows) {
			double single = rows.stream()
				.filter(other -> other.round() == row.round() && other.setup() == Setup.ONE_NODE)
				.mapToDouble(other -> other.result().deliveriesPerSecond())
				.findFirst()
				.orElse(0);
			table.addRow(List.of(row.setup().label, row.round(), receiversPerNode(row)),
					BroadcastScenario.measurementCells(row.result()),
					List.of(ResultTable.ratio(row.result().deliveriesPerSecond(), single), notRelayedCell(row)));
		}
		table.print(harness.out());
		harness.out().println("Relay counters after each run (packnet.cluster.relayed, .received, .not.relayed, .pending):");
		rows.stream()
			.filter(row -> !row.relays().isEmpty())
			.forEach(row -> harness.out().println("  " + row.setup().label + ", round " + row.round() + ": "
					+ describe(row.relays())));
		harness.out().flush();
	}

	private static String receiversPerNode(Row row) {
		BroadcastResult result = row.result();
		List<String> shares = new ArrayList<>();
		for (int node = 0; node < result.spec().receiverServers().size(); node++) {
			shares.add(Integer.toString(result.spec().receiversOn(node)));
		}
		return String.join(" + ", shares);
	}

	private static String notRelayedCell(Row row) {
		if (row.relays().isEmpty()) {
			return "-";
		}
		return (row.notRelayed() == 0) ? "0" : row.notRelayed() + " DROPPED";
	}

	private static String describe(List<RelayReport> relays) {
		List<String> nodes = new ArrayList<>();
		for (int i = 0; i < relays.size(); i++) {
			nodes.add("node " + (i + 1) + " " + relays.get(i).describe());
		}
		return String.join("; ", nodes);
	}

	/** What runs in one row. */
	enum Setup {

		/** One node without the relay: what the cluster-on rows cost against. */
		ONE_NODE_NO_RELAY("1 node, cluster off", 1, false),

		/** One node with the relay: every receiver local, every broadcast also published to Redis. */
		ONE_NODE("1 node, cluster on", 1, true),

		/** Two nodes: receivers split half and half, the sender on the first; half the deliveries cross Redis. */
		TWO_NODES("2 nodes", 2, true);

		private final String label;

		private final int nodes;

		private final boolean relay;

		Setup(String label, int nodes, boolean relay) {
			this.label = label;
			this.nodes = nodes;
			this.relay = relay;
		}

	}

	/**
	 * One measured run.
	 *
	 * @param setup what ran
	 * @param round the round
	 * @param result the load generator's result, every delivery checked
	 * @param relays each node's relay counters after the run, in node order (none without the relay)
	 */
	record Row(Setup setup, int round, BroadcastResult result, List<RelayReport> relays) {

		/** Broadcasts that no node could relay ({@code packnet.cluster.not.relayed}, every reason, every node). */
		long notRelayed() {
			return relays.stream().mapToLong(RelayReport::notRelayed).sum();
		}

	}

}
