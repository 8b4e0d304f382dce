package io.packnet.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real {@code redis-server} on a free port of 127.0.0.1, started as a child process without
 * persistence, for the cluster tests. {@link #stop()} and {@link #restart()} (same port) simulate an
 * outage. A machine without the binary fails the test with the command that installs it: these
 * tests never skip.
 */
public final class RedisServer implements AutoCloseable {

	/** Names the binary when it is not on the PATH. */
	public static final String BINARY_VARIABLE = "REDIS_SERVER";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private final String binary;

	private final int port;

	private final Path log;

	private final Thread killOnExit = new Thread(this::kill, "redis-server-reaper");

	private @Nullable Process process;

	private RedisServer(String binary, int port, Path log) {
		this.binary = binary;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a server on a free port and waits until it answers {@code PING}.
	 * @return the running server
	 */
	public static RedisServer start() {
		String binary = locateBinary();
		try {
			RedisServer server = new RedisServer(binary, freePort(), Files.createTempFile("redis-server", ".log"));
			Runtime.getRuntime().addShutdownHook(server.killOnExit);
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + binary, ex);
		}
	}

	/** @return the port the server listens on */
	public int port() {
		return this.port;
	}

	/** Stops the server (SIGTERM, then SIGKILL) and waits until its port refuses connections. */
	public synchronized void stop() {
		Process process = this.process;
		this.process = null;
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !answersPing());
	}

	/** Starts the server again on the same port, empty, and waits until it answers {@code PING}. */
	public synchronized void restart() {
		if (this.process == null) {
			launch();
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook runs
		}
	}

	private synchronized void launch() {
		ProcessBuilder builder = new ProcessBuilder(List.of(this.binary, "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.binary, ex);
		}
		Process process = this.process;
		try {
			await().atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || answersPing());
		}
		catch (RuntimeException ex) {
			kill();
			throw new IllegalStateException("redis-server did not answer PING on port " + this.port + " within "
					+ STARTUP_TIMEOUT + "; its log:\n" + logTail(), ex);
		}
		if (!process.isAlive()) {
			this.process = null;
			throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port "
					+ this.port + "; its log:\n" + logTail());
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return "+PONG".equals(in.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void kill() {
		Process process = this.process;
		if (process != null) {
			process.destroyForcibly();
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	/** Finds the binary ({@value #BINARY_VARIABLE}, the PATH, /usr/bin, /usr/local/bin) or fails the test. */
	static String locateBinary() {
		String configured = System.getenv(BINARY_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			if (Files.isExecutable(Path.of(configured))) {
				return configured;
			}
			fail(BINARY_VARIABLE + "=" + configured + " is not an executable file. " + installHint());
		}
		String path = System.getenv("PATH");
		StringBuilder directories = new StringBuilder((path != null) ? path : "");
		directories.append(File.pathSeparator).append("/usr/bin").append(File.pathSeparator).append("/usr/local/bin");
		for (String directory : directories.toString().split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		return fail("redis-server was not found on the PATH, and the cluster tests need a real one. " + installHint());
	}

	private static String installHint() {
		return "Install it with `apt-get install redis-server` (Debian, Ubuntu; .ci/run does this) or "
				+ "`brew install redis` (macOS), or set " + BINARY_VARIABLE + " to the binary's path.";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
