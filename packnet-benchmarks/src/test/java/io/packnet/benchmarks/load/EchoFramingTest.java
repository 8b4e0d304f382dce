package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.packnet.benchmarks.server.RawNettyEchoServer;
import io.packnet.benchmarks.server.RunningServer;
import io.packnet.benchmarks.server.ServerOptions;
import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;

import static org.assertj.core.api.Assertions.assertThat;

/** Every length prefix size and byte order, with and without a type field, round-trips through raw Netty. */
class EchoFramingTest {

	static Stream<Arguments> framings() {
		return Stream.of(Arguments.of(1, ByteOrder.BIG_ENDIAN, 0), Arguments.of(2, ByteOrder.LITTLE_ENDIAN, 1),
				Arguments.of(3, ByteOrder.BIG_ENDIAN, 2), Arguments.of(3, ByteOrder.LITTLE_ENDIAN, 4),
				Arguments.of(4, ByteOrder.LITTLE_ENDIAN, 0), Arguments.of(8, ByteOrder.BIG_ENDIAN, 4),
				Arguments.of(8, ByteOrder.LITTLE_ENDIAN, 2));
	}

	@ParameterizedTest(name = "{0}-byte {1} prefix, {2}-byte type field")
	@MethodSource("framings")
	void shouldEchoEveryFrameIntactAndInOrder(int headerSize, ByteOrder order, int typeFieldSize) throws Exception {
		LengthPrefix prefix = new LengthPrefix(headerSize, order);
		ServerOptions options = new ServerOptions("127.0.0.1", 0, prefix, 1 << 16, 1, Transport.NIO);
		try (RunningServer server = RawNettyEchoServer.start(options)) {
			EchoLoadSpec spec = EchoLoadSpec.builder(new InetSocketAddress("127.0.0.1", server.port()))
				.connections(3)
				.depth(4)
				.payloadSize(100)
				.lengthPrefix(prefix)
				.typeFieldSize(typeFieldSize)
				.warmup(Duration.ZERO)
				.duration(Duration.ofMillis(300))
				.build();
			EchoResult result = EchoLoadGenerator.run(spec);
			assertThat(result.checkedReplies()).isPositive();
			assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.frames());
		}
	}

}
