package io.packnet.hostile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.server.ServerOptions;
import io.packnet.session.CloseReason;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.Session;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends 20,000 frames to an echo server and never reads a reply: its session closes
 * as a slow consumer, or its replies are dropped, per {@code overflow-policy}. Either way the bytes
 * the server holds for it stay under {@code max-pending-bytes}, and another client keeps its latency.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowReaderSocketTests {

	private static final int FRAMES = 20_000;

	private static final int FRAME_SIZE = 4096;

	private static final long MAX_PENDING = 256 * 1024;

	/** What the server may hold for one session: the limit plus the frame that crossed it, plus a header. */
	private static final long PENDING_BOUND = MAX_PENDING + FRAME_SIZE + 64;

	@Test
	void shouldCloseAsSlowConsumerAndHoldNoMoreThanMaxPendingBytes() throws Exception {
		try (TestServer server = server(OverflowPolicy.CLOSE); Socket hostile = nonReader(server)) {
			Session session = server.started.poll(5, TimeUnit.SECONDS);
			Sampler sampler = new Sampler(session);
			CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> writeFrames(hostile));
			TestServer.Closed closed = server.closed.poll(20, TimeUnit.SECONDS);
			sampler.stop();
			assertThat(closed).isNotNull();
			assertThat(closed.session()).isSameAs(session);
			assertThat(closed.reason()).isEqualTo(CloseReason.SLOW_CONSUMER);
			assertThat(closed.cause()).hasMessageContaining("packnet.session.max-pending-bytes=" + MAX_PENDING);
			assertThat(sampler.maxPending()).isLessThanOrEqualTo(PENDING_BOUND);
			assertThat(written.get(20, TimeUnit.SECONDS)).as("frames written before the cut").isLessThan(FRAMES);
			assertNewcomerEchoes(server);
		}
	}

	@Test
	void shouldDropRepliesKeepTheSessionAndOtherClientsLatencyWhenPolicyIsDrop() throws Exception {
		try (TestServer server = server(OverflowPolicy.DROP);
				RawSocketClient wellBehaved = new RawSocketClient(server.port())) {
			server.started.poll(5, TimeUnit.SECONDS);
			wellBehaved.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[FRAME_SIZE]);
			wellBehaved.readFrame(4, ByteOrder.BIG_ENDIAN);
			long usedBefore = usedDirectMemory();
			try (Socket hostile = nonReader(server)) {
				Session session = server.started.poll(5, TimeUnit.SECONDS);
				Sampler sampler = new Sampler(session);
				CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> writeFrames(hostile));
				// ping while the flood runs: 20,000 frames of 4 KiB (80 MB of replies asked for)
				List<Long> roundTrips = new ArrayList<>();
				for (int i = 0; i < 200 && (i < 20 || !written.isDone()); i++) {
					long start = System.nanoTime();
					wellBehaved.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { (byte) i });
					assertThat(wellBehaved.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly((byte) i);
					roundTrips.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
				}
				assertThat(written.get(30, TimeUnit.SECONDS)).as("all frames written").isEqualTo(FRAMES);
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> server.statistics.framesIn() >= FRAMES);
				sampler.stop();
				assertThat(session.isOpen()).isTrue();
				assertThat(server.closed).isEmpty();
				assertThat(server.statistics.framesDroppedOverflow()).isPositive();
				assertThat(sampler.maxPending()).isLessThanOrEqualTo(PENDING_BOUND);
				assertThat(sampler.maxUsedDirectMemory() - usedBefore).as("direct memory grown during the flood")
					.isLessThan(32L * 1024 * 1024);
				// median and 90th percentile: on a shared CI machine a thread can lose the CPU for a second,
				// which says nothing about the server, so the single worst round trip is only reported
				Collections.sort(roundTrips);
				String summary = roundTrips.size() + " round trips, µs: median " + roundTrips.get(roundTrips.size() / 2)
						+ ", p90 " + roundTrips.get(roundTrips.size() * 9 / 10) + ", worst "
						+ roundTrips.get(roundTrips.size() - 1);
				assertThat(roundTrips.get(roundTrips.size() / 2)).as(summary).isLessThan(50_000);
				assertThat(roundTrips.get(roundTrips.size() * 9 / 10)).as(summary).isLessThan(250_000);
			}
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.PEER_CLOSED);
			assertNewcomerEchoes(server);
		}
	}

	private static TestServer server(OverflowPolicy policy) {
		return new TestServer(LengthFieldProtocol.defaults(),
				new ServerOptions().maxPendingBytes(MAX_PENDING).overflowPolicy(policy), TestServer.ECHO);
	}

	/** A client with a tiny receive window that never reads. */
	private static Socket nonReader(TestServer server) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 3000);
		return socket;
	}

	/** Writes up to {@link #FRAMES} frames; returns how many went out before the server cut the connection. */
	private static int writeFrames(Socket socket) {
		byte[] frame = new byte[4 + FRAME_SIZE];
		frame[2] = (byte) (FRAME_SIZE >>> 8);
		try {
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
			for (int i = 0; i < FRAMES; i++) {
				out.write(frame);
			}
			out.flush();
			return FRAMES;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static void assertNewcomerEchoes(TestServer server) throws Exception {
		try (RawSocketClient newcomer = new RawSocketClient(server.port())) {
			newcomer.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 5 });
			assertThat(newcomer.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(5);
		}
	}

	private static long usedDirectMemory() {
		return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
	}

	/** Samples the session's queued bytes and the allocator's direct memory every millisecond. */
	private static final class Sampler {

		private final AtomicLong maxPending = new AtomicLong();

		private final AtomicLong maxUsed = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		Sampler(Session session) {
			this.thread = new Thread(() -> {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (this.running && System.nanoTime() < deadline) {
					this.maxPending.accumulateAndGet(session.pendingOutboundBytes(), Math::max);
					this.maxUsed.accumulateAndGet(usedDirectMemory(), Math::max);
					java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
				}
			}, "pending-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join(5000);
		}

		long maxPending() {
			return this.maxPending.get();
		}

		long maxUsedDirectMemory() {
			return this.maxUsed.get();
		}

	}

}
