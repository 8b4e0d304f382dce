package io.packnet.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;

/**
 * What every scenario shares: the plan, the servers selected, the output, and the failures so far. Runs
 * one action against fresh server JVMs (one, or the nodes of a cluster) at a time and turns any failure
 * into a recorded failure.
 */
final class Harness {

	static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final BenchmarkPlan plan;

	private final Set<ServerUnderTest> selected;

	private final PrintStream out;

	private final List<String> failures = new ArrayList<>();

	Harness(BenchmarkPlan plan, Set<ServerUnderTest> selected, PrintStream out) {
		this.plan = Objects.requireNonNull(plan, "plan");
		this.selected = Set.copyOf(Objects.requireNonNull(selected, "selected"));
		this.out = Objects.requireNonNull(out, "out");
	}

	BenchmarkPlan plan() {
		return plan;
	}

	PrintStream out() {
		return out;
	}

	/** Failures recorded so far, one message each. */
	List<String> failures() {
		return List.copyOf(failures);
	}

	/** The selected order-keeping servers of {@code role} that support the plan's framing, baseline first. */
	List<ServerUnderTest> servers(Role role) {
		return serversIncludingUnordered(role).stream().filter(ServerUnderTest::ordered).toList();
	}

	/** Like {@link #servers(Role)}, plus servers that may reorder replies (fine where nothing is sent). */
	List<ServerUnderTest> serversIncludingUnordered(Role role) {
		return ServerUnderTest.withRole(role)
			.stream()
			.filter(selected::contains)
			.filter(server -> server.supports(plan.lengthPrefix()))
			.toList();
	}

	/**
	 * Starts a fresh JVM of {@code server}, runs {@code action} against it and stops it.
	 * @return the action's result, or {@code null} if anything failed (the failure is recorded and printed)
	 */
	<T> @Nullable T withServer(ServerUnderTest server, String what, ServerAction<T> action) throws InterruptedException {
		return withServers(server, what, List.of(List.of()), new long[0], processes -> action.run(processes.get(0)));
	}

	/**
	 * Starts one fresh JVM of {@code server} per entry of {@code nodeArgs}, one after the other, each with the
	 * plan's arguments plus that entry; runs {@code action} against all of them and stops them.
	 * @param helperPids further processes that belong to the run (a {@code redis-server}): their CPU use does
	 * not count as other processes'
	 * @return the action's result, or {@code null} if anything failed (the failure is recorded and printed)
	 */
	<T> @Nullable T withServers(ServerUnderTest server, String what, List<List<String>> nodeArgs, long[] helperPids,
			ServersAction<T> action) throws InterruptedException {
		return withServers(Collections.nCopies(nodeArgs.size(), server), what, nodeArgs, helperPids, action);
	}

	/**
	 * Starts one fresh JVM of each of {@code servers}, one after the other, runs {@code action} against all of
	 * them (side by side, in that order) and stops them.
	 * @return the action's result, or {@code null} if anything failed (the failure is recorded and printed)
	 */
	<T> @Nullable T withServers(List<ServerUnderTest> servers, String what, ServersAction<T> action)
			throws InterruptedException {
		return withServers(servers, what, Collections.nCopies(servers.size(), List.of()), new long[0], action);
	}

	private <T> @Nullable T withServers(List<ServerUnderTest> nodes, String what, List<List<String>> nodeArgs,
			long[] helperPids, ServersAction<T> action) throws InterruptedException {
		String labels = nodes.stream().map(ServerUnderTest::label).distinct().collect(Collectors.joining(" and "));
		progress(what + " on " + labels);
		List<ServerProcess> processes = new ArrayList<>();
		try {
			for (int i = 0; i < nodes.size(); i++) {
				List<String> serverArgs = new ArrayList<>(plan.serverArgs(nodes.get(i)));
				serverArgs.addAll(nodeArgs.get(i));
				processes.add(ServerProcess.start(nodes.get(i), plan.childJvm(), serverArgs, START_TIMEOUT));
			}
			try {
				OtherCpuUsage otherCpu = OtherCpuUsage.start(LongStream
					.concat(LongStream.of(ProcessHandle.current().pid()),
							LongStream.concat(processes.stream().mapToLong(ServerProcess::pid), LongStream.of(helperPids)))
					.toArray());
				long[] serverPids = processes.stream().mapToLong(ServerProcess::pid).toArray();
				long serverTicks = OtherCpuUsage.ticks(serverPids);
				long runStart = System.nanoTime();
				T result = action.run(List.copyOf(processes));
				double serverCores = OtherCpuUsage.coresUsed(serverPids, serverTicks, (System.nanoTime() - runStart) / 1e9);
				out.println("  done; started in " + processes.stream()
					.map(process -> Long.toString(process.startupMillis()))
					.collect(Collectors.joining(", ")) + " ms; " + otherCpu.describe()
						+ String.format(Locale.ROOT, "; %s used %.2f cores (warmup and drain included)",
								(processes.size() == 1) ? "the server" : "the servers", serverCores));
				int leaks = processes.stream().mapToInt(ServerProcess::leakReports).sum();
				if (leaks > 0) {
					out.println("  WARNING: " + labels + " reported " + leaks + " Netty leak(s)");
				}
				return result;
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				return recordFailure(what, labels, ex.getMessage() + stderrTails(processes));
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return recordFailure(what, labels, ex.getMessage());
		}
		finally {
			stopAll(processes);
		}
	}

	/** Records a failure that belongs to no single server run (a scenario that could not start at all). */
	void recordFailure(String failure) {
		failures.add(failure);
		out.println("  " + failure);
	}

	private <T> @Nullable T recordFailure(String what, String labels, @Nullable String message) {
		recordFailure(what + " on " + labels + " FAILED: " + message);
		return null;
	}

	private static String stderrTails(List<ServerProcess> processes) {
		StringBuilder tails = new StringBuilder();
		for (int i = 0; i < processes.size(); i++) {
			String stderr = processes.get(i).stderrTail();
			if (!stderr.isEmpty()) {
				String which = (processes.size() == 1) ? "server" : "process " + (i + 1);
				tails.append(System.lineSeparator())
					.append("    " + which + " stderr (last lines):")
					.append(System.lineSeparator())
					.append(stderr);
			}
		}
		return tails.toString();
	}

	/** Stops every process, the last started first, even if stopping one is interrupted. */
	private static void stopAll(List<ServerProcess> processes) throws InterruptedException {
		InterruptedException interrupted = null;
		for (int i = processes.size() - 1; i >= 0; i--) {
			try {
				processes.get(i).close();
			}
			catch (InterruptedException ex) {
				interrupted = ex;
			}
		}
		if (interrupted != null) {
			throw interrupted;
		}
	}

	void progress(String message) {
		out.println("# " + message);
		out.flush();
	}

	/** One measurement against a running server. */
	@FunctionalInterface
	interface ServerAction<T> {

		T run(ServerProcess process) throws Exception;

	}

	/** One measurement against several running servers (the nodes of a cluster), in the order started. */
	@FunctionalInterface
	interface ServersAction<T> {

		T run(List<ServerProcess> processes) throws Exception;

	}

}
