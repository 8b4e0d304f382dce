package io.packnet.benchmarks.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} child for the cluster scenario: on a free port of 127.0.0.1, without persistence,
 * stopped by {@link #close()} and, should the harness exit first, by a shutdown hook. A machine without the
 * binary gets a message saying how to install it.
 */
final class RedisProcess implements AutoCloseable {

	/** Names the binary when it is not on the PATH (the same variable as the library's cluster tests). */
	static final String BINARY_VARIABLE = "REDIS_SERVER";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	/** Tries with a new free port, in case another process took the one chosen before redis-server bound it. */
	private static final int ATTEMPTS = 3;

	private static final int LOG_TAIL_LINES = 20;

	private static final long POLL_MILLIS = 50;

	private final Process process;

	private final int port;

	private final Path log;

	private final Thread killOnExit;

	private RedisProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.killOnExit = new Thread(process::destroyForcibly, "redis-server-reaper");
	}

	/**
	 * Starts {@code redis-server} and waits until it answers {@code PING}.
	 * @throws IllegalStateException if the binary is missing (with the install command) or does not start in time
	 */
	static RedisProcess start(Duration timeout) throws IOException, InterruptedException {
		String binary = locateBinary(System.getenv(BINARY_VARIABLE), searchPath(System.getenv("PATH")));
		String failures = "";
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			int port = freePort();
			Path log = Files.createTempFile("packnet-benchmarks-redis", ".log");
			Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
					"", "--appendonly", "no", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RedisProcess redis = new RedisProcess(process, port, log);
			Runtime.getRuntime().addShutdownHook(redis.killOnExit);
			if (redis.awaitPong(timeout)) {
				return redis;
			}
			failures += System.lineSeparator() + "  port " + port + ": " + redis.logTail();
			redis.close();
		}
		throw new IllegalStateException(binary + " did not answer PING within " + timeout + " (" + ATTEMPTS
				+ " attempts); its log:" + failures);
	}

	/** The port redis-server listens on, at 127.0.0.1. */
	int port() {
		return port;
	}

	long pid() {
		return process.pid();
	}

	/** Stops redis-server (SIGTERM, then SIGKILL) and deletes its log. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		try {
			Runtime.getRuntime().removeShutdownHook(killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down already: the hook runs anyway
		}
		try {
			Files.deleteIfExists(log);
		}
		catch (IOException ex) {
			// a temporary file; the OS cleans it up
		}
	}

	/** The directories to look for redis-server in: the PATH, then /usr/bin and /usr/local/bin. */
	static List<String> searchPath(@Nullable String path) {
		List<String> directories = new ArrayList<>(List.of(((path != null) ? path : "").split(File.pathSeparator)));
		directories.addAll(List.of("/usr/bin", "/usr/local/bin"));
		return directories;
	}

	/**
	 * Finds redis-server: {@code configured} (the value of {@value #BINARY_VARIABLE}) if set, else the first
	 * of {@code directories} that holds it.
	 * @throws IllegalStateException naming the install command if there is none
	 */
	static String locateBinary(@Nullable String configured, List<String> directories) {
		Objects.requireNonNull(directories, "directories");
		if (configured != null && !configured.isBlank()) {
			if (Files.isExecutable(Path.of(configured))) {
				return configured;
			}
			throw new IllegalStateException(BINARY_VARIABLE + "=" + configured + " is not an executable file. "
					+ installHint());
		}
		for (String directory : directories) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "redis-server"))) {
				return Path.of(directory, "redis-server").toString();
			}
		}
		throw new IllegalStateException("redis-server was not found in " + directories
				+ "; the cluster scenario needs a real one. " + installHint());
	}

	private static String installHint() {
		return "Install it with `apt-get install redis-server` (Debian, Ubuntu) or `brew install redis` (macOS), "
				+ "or set " + BINARY_VARIABLE + " to the binary's path.";
	}

	/** Polls with PING until redis-server answers; {@code false} if it exits or the time runs out first. */
	private boolean awaitPong(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (process.isAlive() && System.nanoTime() - deadline < 0) {
			if (answersPing()) {
				return true;
			}
			Thread.sleep(POLL_MILLIS);
		}
		return false;
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return "+PONG".equals(in.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
					lines.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
