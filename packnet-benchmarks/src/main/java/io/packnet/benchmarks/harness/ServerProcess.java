package io.packnet.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.packnet.benchmarks.server.RelayReport;
import io.packnet.benchmarks.server.ServerControl;

/**
 * A server under test running in its own JVM: started, awaited until it prints {@code LISTENING <port>},
 * asked for connection counts, heap and cluster relay counters over the {@link ServerControl} protocol,
 * and stopped. Netty leak reports on its stderr are counted.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final int STDERR_TAIL_LINES = 40;

	private static final String LEAK_MARKER = "LEAK:";

	private final ServerUnderTest server;

	private final Process process;

	private final Writer stdin;

	private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();

	private final Deque<String> stderrTail = new ArrayDeque<>();

	private final AtomicInteger leakReports = new AtomicInteger();

	private int port;

	private long startupMillis;

	private ServerProcess(ServerUnderTest server, Process process) {
		this.server = server;
		this.process = process;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		pump(process.getInputStream(), server.label() + "-stdout", stdout::add);
		pump(process.getErrorStream(), server.label() + "-stderr", this::keepStderr);
	}

	/**
	 * Starts {@code server} with the common {@code serverArgs} and waits until it listens.
	 * @throws IllegalStateException if it exits or does not listen within {@code startTimeout}
	 */
	public static ServerProcess start(ServerUnderTest server, ChildJvm jvm, List<String> serverArgs,
			Duration startTimeout) throws IOException, InterruptedException {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(jvm, "jvm");
		Objects.requireNonNull(serverArgs, "serverArgs");
		List<String> args = new ArrayList<>(serverArgs);
		args.addAll(server.extraArgs());
		long startNanos = System.nanoTime();
		Process process = new ProcessBuilder(jvm.command(server.mainClass(), args)).start();
		ServerProcess started = new ServerProcess(server, process);
		try {
			String listening = started.awaitLine(ServerControl.LISTENING, startTimeout);
			started.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
			started.port = Integer.parseInt(listening.substring(ServerControl.LISTENING.length()).trim());
			return started;
		}
		catch (InterruptedException | RuntimeException ex) {
			started.close();
			throw ex;
		}
	}

	public ServerUnderTest server() {
		return server;
	}

	/** Milliseconds from launching the JVM to its {@code LISTENING} line: JVM start plus the server's own startup. */
	public long startupMillis() {
		return startupMillis;
	}

	/** The server JVM's process id. */
	public long pid() {
		return process.pid();
	}

	/** The address the server listens on. */
	public InetSocketAddress address() {
		return new InetSocketAddress("127.0.0.1", port);
	}

	/** The connections the server has open, as it reports them. */
	public int openConnections(Duration timeout) throws InterruptedException {
		String answer = command(ServerControl.CONNECTIONS, timeout);
		return Integer.parseInt(answer.substring(ServerControl.CONNECTIONS.length()).trim());
	}

	/** Waits until the server reports at least {@code expected} open connections. */
	public int awaitOpenConnections(int expected, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int open;
		while ((open = openConnections(timeout)) < expected) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(server.label() + " has " + open + " of " + expected
						+ " connections open after " + timeout);
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		return open;
	}

	/** Heap used after full GC, direct memory used and resident set size, as the server measures them. */
	public MemoryReading memory(Duration timeout) throws InterruptedException {
		String[] parts = command(ServerControl.HEAP, timeout).split("\\s+");
		return new MemoryReading(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
	}

	/** The cluster relay's state and counters, as the server reports them; {@code null} for a server without one. */
	public @Nullable RelayReport relay(Duration timeout) throws InterruptedException {
		String answer = command(ServerControl.CLUSTER, timeout);
		return answer.equals(ServerControl.CLUSTER_OFF) ? null : RelayReport.parse(answer);
	}

	/** Netty {@code LEAK:} reports the server printed so far. */
	public int leakReports() {
		return leakReports.get();
	}

	/** The last lines the server wrote to stderr, for failure messages. */
	public String stderrTail() {
		synchronized (stderrTail) {
			return String.join(System.lineSeparator(), stderrTail);
		}
	}

	/** Asks the server to stop and waits for its exit; kills it if it does not exit in time. */
	@Override
	public void close() throws InterruptedException {
		try {
			stdin.write(ServerControl.STOP + "\n");
			stdin.flush();
			stdin.close();
		}
		catch (IOException ex) {
			// already gone: fall through to waiting and destroying
		}
		if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroy();
			if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private String command(String command, Duration timeout) throws InterruptedException {
		try {
			stdin.write(command + "\n");
			stdin.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(server.label() + " no longer accepts commands: " + ex + "\n" + stderrTail(),
					ex);
		}
		return awaitLine(command, timeout);
	}

	private String awaitLine(String prefix, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String line = stdout.poll(100, TimeUnit.MILLISECONDS);
			if (line != null && line.startsWith(prefix + " ")) {
				return line;
			}
			if (line == null && !process.isAlive() && stdout.isEmpty()) {
				throw new IllegalStateException(server.label() + " exited with " + process.exitValue()
						+ " while waiting for '" + prefix + "':\n" + stderrTail());
			}
		}
		throw new IllegalStateException(server.label() + " did not answer '" + prefix + "' within " + timeout + ":\n"
				+ stderrTail());
	}

	private void keepStderr(String line) {
		if (line.contains(LEAK_MARKER)) {
			leakReports.incrementAndGet();
		}
		synchronized (stderrTail) {
			if (stderrTail.size() == STDERR_TAIL_LINES) {
				stderrTail.removeFirst();
			}
			stderrTail.addLast(line);
		}
	}

	/** Copies a child stream line by line to {@code sink} until the child closes it. */
	private static void pump(InputStream stream, String name, Consumer<String> sink) {
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					sink.accept(line);
				}
			}
			catch (IOException ex) {
				// the child went away; nothing more to read
			}
		}, name);
		pump.setDaemon(true);
		pump.start();
	}

	/**
	 * A server's memory after full GC.
	 *
	 * @param heapBytes heap used
	 * @param directBytes direct memory used
	 * @param residentBytes the process's resident set size, or -1 if unknown
	 */
	public record MemoryReading(long heapBytes, long directBytes, long residentBytes) {
	}

}
