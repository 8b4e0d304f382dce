package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.server.RawNettyEchoServer;
import io.packnet.benchmarks.server.RunningServer;
import io.packnet.benchmarks.server.ServerOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** A paced run checks replies like an unpaced one and never sends faster than its target. */
class PacedEchoTest {

	@Test
	void shouldNeverExceedTheTargetRate() throws Exception {
		try (RunningServer server = RawNettyEchoServer.start(ServerOptions.defaults())) {
			double target = 2_000;
			EchoLoadSpec spec = EchoLoadSpec.builder(new InetSocketAddress("127.0.0.1", server.port()))
				.connections(4)
				.depth(8)
				.warmup(Duration.ofMillis(200))
				.duration(Duration.ofSeconds(1))
				.targetFramesPerSecond(target)
				.build();
			EchoResult result = EchoLoadGenerator.run(spec);
			assertThat(result.checkedReplies()).isPositive();
			// an upper bound only: a pacer may fall behind on a busy machine, but must never run ahead
			assertThat(result.framesPerSecond()).isLessThan(target * 1.25);
		}
	}

}
