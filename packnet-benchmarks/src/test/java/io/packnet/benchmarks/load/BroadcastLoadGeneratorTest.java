package io.packnet.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.packnet.benchmarks.server.EchoingBroadcastServer;
import io.packnet.benchmarks.server.RawNettyBroadcastServer;
import io.packnet.benchmarks.server.RunningServer;
import io.packnet.benchmarks.server.ServerOptions;
import io.packnet.benchmarks.server.SharedGroupBroadcastServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Broadcast runs against in-process servers: a correct one passes, one that breaks the convention fails. */
class BroadcastLoadGeneratorTest {

	@Test
	void shouldDeliverEveryBroadcastToEveryReceiverInOrder() throws Exception {
		try (RunningServer server = RawNettyBroadcastServer.start(ServerOptions.defaults())) {
			BroadcastResult result = BroadcastLoadGenerator.run(spec(server).build());
			assertThat(result.checkedDeliveries()).isPositive();
			assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.deliveries());
		}
	}

	@Test
	void shouldFailWhenTheServerSendsBroadcastsBackToTheSender() throws Exception {
		try (RunningServer server = EchoingBroadcastServer.start(ServerOptions.defaults())) {
			assertThatExceptionOfType(LoadFailedException.class)
				.isThrownBy(() -> BroadcastLoadGenerator.run(spec(server).build()))
				.withMessageContaining("Broadcast sender: received a frame");
		}
	}

	@Test
	void shouldCheckReceiversSpreadOverServersThatShareTheGroup() throws Exception {
		List<RunningServer> servers = SharedGroupBroadcastServers.start(ServerOptions.defaults(), 2);
		try (RunningServer first = servers.get(0); RunningServer second = servers.get(1)) {
			BroadcastLoadSpec spec = spec(first).receiversSpreadOver(List.of(address(first), address(second))).build();
			BroadcastResult result = BroadcastLoadGenerator.run(spec);
			assertThat(result.checkedDeliveries()).isPositive();
		}
	}

	@Test
	void shouldFailWhenReceiversOnAnotherServerMissTheBroadcasts() throws Exception {
		try (RunningServer first = RawNettyBroadcastServer.start(ServerOptions.defaults());
				RunningServer unrelated = RawNettyBroadcastServer.start(ServerOptions.defaults())) {
			BroadcastLoadSpec spec = spec(first).receiversSpreadOver(List.of(address(first), address(unrelated)))
				.drainTimeout(Duration.ofMillis(500))
				.build();
			assertThatExceptionOfType(LoadFailedException.class).isThrownBy(() -> BroadcastLoadGenerator.run(spec))
				.withMessageContaining("did not reach every receiver")
				.withMessageContaining("on " + address(unrelated));
		}
	}

	@Test
	void shouldSplitReceiversIntoSharesTheFirstServersTakingTheRemainder() throws Exception {
		InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1);
		InetSocketAddress b = new InetSocketAddress("127.0.0.1", 2);
		BroadcastLoadSpec spec = BroadcastLoadSpec.builder(a).receivers(5).receiversSpreadOver(List.of(a, b)).build();
		assertThat(spec.receiversOn(0)).isEqualTo(3);
		assertThat(spec.receiversOn(1)).isEqualTo(2);
		assertThat(spec.receiverServer(2)).isEqualTo(a);
		assertThat(spec.receiverServer(3)).isEqualTo(b);
		assertThat(BroadcastLoadSpec.builder(a).receivers(20).build().receiverServers()).containsExactly(a);
	}

	private static BroadcastLoadSpec.Builder spec(RunningServer server) {
		return BroadcastLoadSpec.builder(address(server))
			.receivers(5)
			.window(16)
			.warmup(Duration.ZERO)
			.duration(Duration.ofMillis(500));
	}

	private static InetSocketAddress address(RunningServer server) {
		return new InetSocketAddress("127.0.0.1", server.port());
	}

}
