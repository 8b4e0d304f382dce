package io.packnet.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.packnet.session.CloseReason;
import io.packnet.support.RawSocketClient;
import io.packnet.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line and varint32 presets against an independent socket client.
 */
class PresetFramingSocketTest {

	@Test
	void shouldEchoLinesAndAcceptCrLfWhenLineProtocol() throws Exception {
		try (TestServer server = new TestServer(new LineProtocol(64));
				RawSocketClient client = new RawSocketClient(server.port())) {
			client.writeRaw("hello\r\n\nworld\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.readExactly("hello\n\nworld\n".length()), StandardCharsets.US_ASCII))
				.isEqualTo("hello\n\nworld\n");
		}
	}

	@Test
	void shouldCloseWithFrameTooLargeWhenALineRunsPastTheMaximumWithoutNewline() throws Exception {
		try (TestServer server = new TestServer(new LineProtocol(16));
				RawSocketClient client = new RawSocketClient(server.port())) {
			client.writeRaw("x".repeat(40).getBytes(StandardCharsets.US_ASCII));
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
		}
	}

	@Test
	void shouldEchoVarintFramesOfOneTwoAndThreeByteLengths() throws Exception {
		try (TestServer server = new TestServer(new Varint32Protocol(100_000));
				RawSocketClient client = new RawSocketClient(server.port())) {
			for (int length : new int[] { 0, 127, 128, 300, 16_384 }) {
				byte[] payload = new byte[length];
				java.util.Arrays.fill(payload, (byte) length);
				byte[] header = varint(length);
				client.writeRaw(header);
				client.writeRaw(payload);
				assertThat(client.readExactly(header.length)).isEqualTo(header);
				assertThat(client.readExactly(length)).isEqualTo(payload);
			}
		}
	}

	@Test
	void shouldCloseWithProtocolErrorWhenVarintIsLongerThanFiveBytes() throws Exception {
		try (TestServer server = new TestServer(new Varint32Protocol(1024));
				RawSocketClient client = new RawSocketClient(server.port())) {
			client.writeRaw(new byte[] { (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01 });
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
		}
	}

	@Test
	void shouldCloseWithFrameTooLargeWhenVarintLengthPassesTheMaximum() throws Exception {
		try (TestServer server = new TestServer(new Varint32Protocol(1024));
				RawSocketClient client = new RawSocketClient(server.port())) {
			client.writeRaw(varint(Integer.MAX_VALUE));
			assertThat(client.awaitClosedByServer()).isTrue();
			assertThat(server.closed.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
		}
	}

	static byte[] varint(int value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while ((value & ~0x7F) != 0) {
			out.write((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		out.write(value);
		return out.toByteArray();
	}

}
