package io.packnet.benchmarks.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.load.FaultyEchoServer.Fault;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The echo load generator fails the run, with a message saying what happened, on every kind of fault. */
class EchoLoadGeneratorFaultDetectionTest {

	private static final long FAULT_AT = 200;

	@Test
	void shouldFailWhenAFrameIsLost() throws Exception {
		assertFailure(Fault.DROP, "lost or reordered frame: expected sequence " + FAULT_AT);
	}

	@Test
	void shouldFailWhenTwoFramesAreSwapped() throws Exception {
		assertFailure(Fault.SWAP, "lost or reordered frame: expected sequence " + FAULT_AT + ", received "
				+ (FAULT_AT + 1));
	}

	@Test
	void shouldFailWhenAPayloadByteIsCorrupted() throws Exception {
		assertFailure(Fault.CORRUPT, "corrupted payload bytes in sequence " + FAULT_AT);
	}

	@Test
	void shouldFailWhenAFrameIsDuplicated() throws Exception {
		assertFailure(Fault.DUPLICATE, "duplicated or reordered frame: expected sequence " + (FAULT_AT + 1));
	}

	@Test
	void shouldFailWhenTheServerClosesTheConnection() throws Exception {
		assertFailure(Fault.CLOSE, "closed by the server after");
	}

	@Test
	void shouldFailWhenTheLastFramesNeverComeBack() throws Exception {
		try (FaultyEchoServer server = new FaultyEchoServer(Fault.DROP, FAULT_AT)) {
			// one connection, depth 1: after the dropped frame nothing else is sent, so only the drain notices
			EchoLoadSpec spec = EchoLoadSpec.builder(server.address())
				.connections(1)
				.depth(1)
				.warmup(Duration.ZERO)
				.duration(Duration.ofSeconds(2))
				.drainTimeout(Duration.ofMillis(500))
				.build();
			assertThatExceptionOfType(LoadFailedException.class).isThrownBy(() -> EchoLoadGenerator.run(spec))
				.withMessageContaining("frames lost (no reply after sending stopped): connection #0 sent "
						+ (FAULT_AT + 1) + ", received " + FAULT_AT);
		}
	}

	private static void assertFailure(Fault fault, String message) throws Exception {
		try (FaultyEchoServer server = new FaultyEchoServer(fault, FAULT_AT)) {
			EchoLoadSpec spec = EchoLoadSpec.builder(server.address())
				.connections(2)
				.depth(4)
				.warmup(Duration.ZERO)
				.duration(Duration.ofSeconds(5))
				.drainTimeout(Duration.ofSeconds(2))
				.build();
			assertThatExceptionOfType(LoadFailedException.class).isThrownBy(() -> EchoLoadGenerator.run(spec))
				.withMessageContaining("Echo connection #")
				.withMessageContaining(message);
		}
	}

}
