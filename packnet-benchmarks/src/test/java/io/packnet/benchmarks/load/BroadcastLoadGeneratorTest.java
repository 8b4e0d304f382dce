package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.server.EchoingBroadcastServer;
import io.packnet.benchmarks.server.RawNettyBroadcastServer;
import io.packnet.benchmarks.server.RunningServer;
import io.packnet.benchmarks.server.ServerOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Broadcast runs against in-process servers: a correct one passes, one that breaks the convention fails. */
class BroadcastLoadGeneratorTest {

	@Test
	void shouldDeliverEveryBroadcastToEveryReceiverInOrder() throws Exception {
		try (RunningServer server = RawNettyBroadcastServer.start(ServerOptions.defaults())) {
			BroadcastResult result = BroadcastLoadGenerator.run(spec(server));
			assertThat(result.checkedDeliveries()).isPositive();
			assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.deliveries());
		}
	}

	@Test
	void shouldFailWhenTheServerSendsBroadcastsBackToTheSender() throws Exception {
		try (RunningServer server = EchoingBroadcastServer.start(ServerOptions.defaults())) {
			assertThatExceptionOfType(LoadFailedException.class)
				.isThrownBy(() -> BroadcastLoadGenerator.run(spec(server)))
				.withMessageContaining("Broadcast sender: received a frame");
		}
	}

	private static BroadcastLoadSpec spec(RunningServer server) {
		return BroadcastLoadSpec.builder(new InetSocketAddress("127.0.0.1", server.port()))
			.receivers(5)
			.window(16)
			.warmup(Duration.ZERO)
			.duration(Duration.ofMillis(500))
			.build();
	}

}
