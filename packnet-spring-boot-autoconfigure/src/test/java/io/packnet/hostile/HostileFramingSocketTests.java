package io.packnet.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.packnet.protocol.FrameTimeoutException;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.server.ServerOptions;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bytes, for every length-header size: lengths past the maximum, frames cut off by a
 * disconnect, random garbage, and a slowloris. Each case asserts the close reason, that a bystander
 * session connected beforehand is untouched, and that a new well-behaved client still gets its echo.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileFramingSocketTests {

	/** Below 255, so even a 1-byte header can claim too much. */
	private static final int MAX_FRAME_SIZE = 200;

	private TestServer server;

	private RawSocketClient bystander;

	private int headerSize;

	@AfterEach
	void stop() throws IOException {
		if (this.bystander != null) {
			this.bystander.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	static Stream<Arguments> lengthsPastTheMaximum() {
		return Stream.of(1, 2, 3, 4, 8).flatMap((size) -> {
			long effectiveMax = MAX_FRAME_SIZE;
			long allOnes = (size == 8) ? -1L : (1L << (8 * size)) - 1;
			Stream<Long> lengths = Stream.of(effectiveMax + 1, allOnes);
			if (size == 8) {
				lengths = Stream.concat(lengths, Stream.of(0xFFFFFFFFL, Long.MIN_VALUE));
			}
			return lengths.map((length) -> Arguments.of(size, length));
		});
	}

	@ParameterizedTest(name = "{0}-byte header claiming {1}")
	@MethodSource("lengthsPastTheMaximum")
	void shouldCloseWithFrameTooLargeOnTheHeaderAlone(int headerSize, long length) throws Exception {
		start(headerSize, new ServerOptions());
		try (RawSocketClient hostile = hostile()) {
			Session session = this.server.started.poll(5, TimeUnit.SECONDS);
			hostile.writeRaw(RawSocketClient.header(headerSize, ByteOrder.BIG_ENDIAN, length));
			assertThat(hostile.awaitClosedByServer()).isTrue();
			TestServer.Closed closed = nextClosed();
			assertThat(closed.session()).isSameAs(session);
			assertThat(closed.reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
			assertThat(closed.cause()).isInstanceOf(FrameTooLargeException.class)
				.hasMessageContaining(Long.toUnsignedString(length) + " bytes exceeds");
		}
		assertUnharmed();
	}

	@ParameterizedTest(name = "{0}-byte header")
	@ValueSource(ints = { 1, 2, 3, 4, 8 })
	void shouldCloseAsPeerClosedWhenAHeaderIsFollowedByADisconnect(int headerSize) throws Exception {
		start(headerSize, new ServerOptions());
		try (RawSocketClient hostile = hostile()) {
			this.server.started.poll(5, TimeUnit.SECONDS);
			hostile.writeRaw(RawSocketClient.header(headerSize, ByteOrder.BIG_ENDIAN, 10));
		}
		assertThat(nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
		assertUnharmed();
	}

	@ParameterizedTest(name = "{0}-byte header")
	@ValueSource(ints = { 1, 2, 3, 4, 8 })
	void shouldCloseAsPeerClosedWhenHalfAFrameIsFollowedByADisconnect(int headerSize) throws Exception {
		start(headerSize, new ServerOptions());
		try (RawSocketClient hostile = hostile()) {
			this.server.started.poll(5, TimeUnit.SECONDS);
			hostile.writeRaw(RawSocketClient.header(headerSize, ByteOrder.BIG_ENDIAN, 200));
			hostile.writeRaw(new byte[100]);
		}
		TestServer.Closed closed = nextClosed();
		assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
		assertThat(this.server.statistics.framesIn()).as("the half frame never became a frame").isZero();
		assertUnharmed();
	}

	@ParameterizedTest(name = "{0}-byte header")
	@ValueSource(ints = { 1, 2, 3, 4, 8 })
	void shouldSurvive64KibOfRandomGarbage(int headerSize) throws Exception {
		start(headerSize, new ServerOptions());
		byte[] garbage = new byte[64 * 1024];
		new Random(headerSize * 31L).nextBytes(garbage);
		// an independent reading of the garbage says how the server must end the session
		CloseReason expected = expectedOutcome(garbage, headerSize,
				this.server.server.protocol().maxFrameSize());
		try (RawSocketClient hostile = hostile()) {
			this.server.started.poll(5, TimeUnit.SECONDS);
			try {
				hostile.writeRaw(garbage);
			}
			catch (IOException ex) {
				// the server may cut the connection while the garbage is still being written
			}
			if (expected == CloseReason.FRAME_TOO_LARGE) {
				assertThat(hostile.awaitClosedByServer()).isTrue();
			}
		}
		TestServer.Closed closed = nextClosed();
		assertThat(closed.reason()).isEqualTo(expected);
		assertUnharmed();
	}

	@ParameterizedTest(name = "{0}-byte header")
	@ValueSource(ints = { 1, 2, 3, 4, 8 })
	void shouldCloseASlowlorisWithFrameTimeoutThoughItNeverIdles(int headerSize) throws Exception {
		// one byte every 200 ms never lets the 400 ms idle timeout fire; the frame timeout does
		start(headerSize, new ServerOptions().idleTimeout(Duration.ofMillis(400)).frameTimeout(Duration.ofMillis(700)));
		byte[] frame = new byte[headerSize + 20];
		System.arraycopy(RawSocketClient.header(headerSize, ByteOrder.BIG_ENDIAN, 20), 0, frame, 0, headerSize);
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try (RawSocketClient hostile = hostile()) {
			Session session = this.server.started.poll(5, TimeUnit.SECONDS);
			AtomicInteger sent = new AtomicInteger();
			trickle.scheduleAtFixedRate(() -> {
				int next = sent.get();
				if (next < frame.length) {
					try {
						hostile.writeRaw(new byte[] { frame[next] });
						sent.incrementAndGet();
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}, 0, 200, TimeUnit.MILLISECONDS);
			// the bystander, silent all along, is the one the idle timeout catches
			TestServer.Closed idle = nextClosed();
			assertThat(idle.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
			assertThat(idle.session()).isNotSameAs(session);
			TestServer.Closed closed = nextClosed();
			assertThat(closed.session()).isSameAs(session);
			assertThat(closed.reason()).isEqualTo(CloseReason.FRAME_TIMEOUT);
			assertThat(closed.cause()).isInstanceOf(FrameTimeoutException.class);
			assertThat(Duration.between(session.startedAt(), java.time.Instant.now())).isLessThan(Duration.ofSeconds(3));
			assertThat(sent.get()).as("bytes trickled before the cut").isBetween(3, frame.length - 1);
		}
		finally {
			trickle.shutdownNow();
		}
		this.bystander.close();
		this.bystander = null;
		assertNewcomerEchoes();
	}

	private void start(int headerSize, ServerOptions options) throws Exception {
		this.headerSize = headerSize;
		this.server = new TestServer(new LengthFieldProtocol(headerSize, ByteOrder.BIG_ENDIAN, MAX_FRAME_SIZE, false),
				options, TestServer.ECHO);
		this.bystander = new RawSocketClient(this.server.port());
		assertThat(this.server.started.poll(5, TimeUnit.SECONDS)).isNotNull();
	}

	private RawSocketClient hostile() throws IOException {
		return new RawSocketClient(this.server.port());
	}

	private TestServer.Closed nextClosed() throws InterruptedException {
		TestServer.Closed closed = this.server.closed.poll(10, TimeUnit.SECONDS);
		assertThat(closed).as("a session closed within 10 s").isNotNull();
		return closed;
	}

	/** The bystander is still open and served, and a newcomer gets its echo. */
	private void assertUnharmed() throws Exception {
		byte[] payload = { 4, 2 };
		this.bystander.writeFrame(this.headerSize, ByteOrder.BIG_ENDIAN, payload);
		assertThat(this.bystander.readFrame(this.headerSize, ByteOrder.BIG_ENDIAN)).isEqualTo(payload);
		assertNewcomerEchoes();
		assertThat(this.server.registry.size()).isEqualTo(1);
	}

	private void assertNewcomerEchoes() throws Exception {
		byte[] payload = { 4, 2 };
		try (RawSocketClient newcomer = hostile()) {
			newcomer.writeFrame(this.headerSize, ByteOrder.BIG_ENDIAN, payload);
			assertThat(newcomer.readFrame(this.headerSize, ByteOrder.BIG_ENDIAN)).isEqualTo(payload);
		}
		assertThat(nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
	}

	/** Walks the garbage as frames: too large a length ends it, else it ends mid-frame or on a boundary. */
	static CloseReason expectedOutcome(byte[] garbage, int headerSize, int maxFrameSize) {
		int offset = 0;
		while (offset + headerSize <= garbage.length) {
			byte[] padded = new byte[8];
			System.arraycopy(garbage, offset, padded, 8 - headerSize, headerSize);
			long length = ByteBuffer.wrap(padded).getLong();
			if (length < 0 || length > maxFrameSize) {
				return CloseReason.FRAME_TOO_LARGE;
			}
			offset += headerSize + (int) length;
		}
		return CloseReason.PEER_CLOSED;
	}

}
