package io.packnet.protocol;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.packnet.session.CloseReason;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default framing against an independent {@code java.net.Socket} client, for every header size
 * and both byte orders.
 */
class LengthFieldFramingSocketTest {

	static Stream<Arguments> headerSizesAndOrders() {
		return Stream.of(1, 2, 3, 4, 8)
			.flatMap((size) -> Stream.of(Arguments.of(size, ByteOrder.BIG_ENDIAN),
					Arguments.of(size, ByteOrder.LITTLE_ENDIAN)));
	}

	@ParameterizedTest(name = "{0}-byte {1} header")
	@MethodSource("headerSizesAndOrders")
	void shouldEchoFramesIncludingEmptyAndMaximalWhenFramedByAnIndependentClient(int headerSize, ByteOrder order)
			throws Exception {
		int max = (headerSize == 1) ? 255 : 70_000;
		try (TestServer server = new TestServer(new LengthFieldProtocol(headerSize, order, max, false));
				RawSocketClient client = new RawSocketClient(server.port())) {
			Random random = new Random(headerSize);
			int largest = server.server.protocol().maxFrameSize();
			for (int length : new int[] { 0, 1, 7, 200, largest }) {
				byte[] payload = new byte[length];
				random.nextBytes(payload);
				client.writeFrame(headerSize, order, payload);
				// read the header bytes ourselves to check the server's encoding byte for byte
				assertThat(client.readExactly(headerSize)).isEqualTo(RawSocketClient.header(headerSize, order, length));
				assertThat(client.readExactly(length)).isEqualTo(payload);
			}
		}
	}

	@ParameterizedTest(name = "{0}-byte {1} header")
	@MethodSource("headerSizesAndOrders")
	void shouldReassembleFramesSplitAndCoalescedByTheNetwork(int headerSize, ByteOrder order) throws Exception {
		try (TestServer server = new TestServer(new LengthFieldProtocol(headerSize, order, 255, false));
				RawSocketClient client = new RawSocketClient(server.port())) {
			byte[] one = "first".getBytes(StandardCharsets.UTF_8);
			byte[] two = "second".getBytes(StandardCharsets.UTF_8);
			byte[] wire = concat(RawSocketClient.header(headerSize, order, one.length), one,
					RawSocketClient.header(headerSize, order, two.length), two);
			// two frames in one write, then one frame a byte at a time
			client.writeRaw(wire);
			for (byte b : concat(RawSocketClient.header(headerSize, order, one.length), one)) {
				client.writeRaw(new byte[] { b });
			}
			assertThat(client.readFrame(headerSize, order)).isEqualTo(one);
			assertThat(client.readFrame(headerSize, order)).isEqualTo(two);
			assertThat(client.readFrame(headerSize, order)).isEqualTo(one);
		}
	}

	@ParameterizedTest(name = "{0}-byte {1} header")
	@MethodSource("headerSizesAndOrders")
	void shouldCloseWithFrameTooLargeFromTheHeaderAloneWhenLengthPassesTheMaximum(int headerSize, ByteOrder order)
			throws Exception {
		try (TestServer server = new TestServer(new LengthFieldProtocol(headerSize, order, 100, false));
				RawSocketClient bystander = new RawSocketClient(server.port());
				RawSocketClient client = new RawSocketClient(server.port())) {
			// the largest value the header can hold: 0xFF.., including 0xFFFFFFFF and 2^64-1 (and 2^63 below)
			byte[] header = new byte[headerSize];
			Arrays.fill(header, (byte) 0xFF);
			client.writeRaw(header);
			assertThat(client.awaitClosedByServer()).isTrue();
			TestServer.Closed closed = server.closed.poll(5, TimeUnit.SECONDS);
			assertThat(closed).isNotNull();
			assertThat(closed.reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
			assertThat(closed.cause()).isInstanceOf(FrameTooLargeException.class);
			// the other session never noticed
			bystander.writeFrame(headerSize, order, new byte[] { 42 });
			assertThat(bystander.readFrame(headerSize, order)).containsExactly(42);
			assertThat(server.registry.size()).isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "length 2^63 in an 8-byte {0} header")
	@MethodSource("byteOrders")
	void shouldRejectTwoToTheSixtyThirdInAnEightByteHeader(ByteOrder order) throws Exception {
		try (TestServer server = new TestServer(new LengthFieldProtocol(8, order, 1024, false));
				RawSocketClient client = new RawSocketClient(server.port())) {
			client.writeRaw(RawSocketClient.header(8, order, Long.MIN_VALUE));
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
		}
	}

	static Stream<ByteOrder> byteOrders() {
		return Stream.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);
	}

	@ParameterizedTest(name = "{0}-byte {1} header")
	@MethodSource("headerSizesAndOrders")
	void shouldCountTheHeaderWhenLengthIncludesHeader(int headerSize, ByteOrder order) throws Exception {
		try (TestServer server = new TestServer(new LengthFieldProtocol(headerSize, order, 200, true));
				RawSocketClient client = new RawSocketClient(server.port())) {
			byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
			client.writeRaw(concat(RawSocketClient.header(headerSize, order, headerSize + payload.length), payload));
			assertThat(client.readExactly(headerSize))
				.isEqualTo(RawSocketClient.header(headerSize, order, headerSize + payload.length));
			assertThat(client.readExactly(payload.length)).isEqualTo(payload);
			// a length smaller than the header itself is not a frame
			client.writeRaw(RawSocketClient.header(headerSize, order, headerSize - 1));
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
		}
	}

	static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt((part) -> part.length).sum();
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}

}
