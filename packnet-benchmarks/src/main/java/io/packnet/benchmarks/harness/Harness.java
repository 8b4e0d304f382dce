package io.packnet.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.harness.ServerUnderTest.Role;

/**
 * What every scenario shares: the plan, the servers selected, the output, and the failures so far. Runs
 * one action against a fresh server JVM at a time and turns any failure into a recorded failure.
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
		progress(what + " on " + server.label());
		try (ServerProcess process = ServerProcess.start(server, plan.childJvm(), plan.serverArgs(server), START_TIMEOUT)) {
			try {
				OtherCpuUsage otherCpu = OtherCpuUsage.start(ProcessHandle.current().pid(), process.pid());
				T result = action.run(process);
				out.println("  done; started in " + process.startupMillis() + " ms; " + otherCpu.describe());
				if (process.leakReports() > 0) {
					out.println("  WARNING: " + server.label() + " reported " + process.leakReports() + " Netty leak(s)");
				}
				return result;
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				String stderr = process.stderrTail();
				return recordFailure(what, server, ex.getMessage() + (stderr.isEmpty() ? ""
						: System.lineSeparator() + "    server stderr (last lines):" + System.lineSeparator() + stderr));
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return recordFailure(what, server, ex.getMessage());
		}
	}

	private <T> @Nullable T recordFailure(String what, ServerUnderTest server, @Nullable String message) {
		String failure = what + " on " + server.label() + " FAILED: " + message;
		failures.add(failure);
		out.println("  " + failure);
		return null;
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

}
