package io.packnet.benchmarks.harness;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.packnet.benchmarks.harness.ServerProcess.MemoryReading;
import io.packnet.benchmarks.load.BroadcastLoadGenerator;
import io.packnet.benchmarks.load.BroadcastLoadSpec;
import io.packnet.benchmarks.load.BroadcastResult;
import io.packnet.benchmarks.load.EchoLoadGenerator;
import io.packnet.benchmarks.load.EchoLoadSpec;
import io.packnet.benchmarks.load.EchoResult;
import io.packnet.benchmarks.load.IdleConnections;
import io.packnet.benchmarks.transport.Transport;
import io.packnet.benchmarks.wire.LengthPrefix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short-mode smoke test of the harness: each server in its own JVM, as the benchmark runs them, checked
 * for correctness only (every frame back, intact and in order; no Netty leak reports). Never on numbers.
 */
class ServerProcessSmokeTest {

	private static final ChildJvm JVM = ChildJvm.withHeap("256m", "-Dio.netty.leakDetection.level=paranoid");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	@ParameterizedTest
	@EnumSource(names = { "RAW_NETTY_ECHO", "SPRING_INTEGRATION_ECHO", "PACKNET_ECHO" })
	void shouldEchoEveryFrameInOrder(ServerUnderTest server) throws Exception {
		try (ServerProcess process = start(server)) {
			EchoLoadSpec spec = EchoLoadSpec.builder(process.address())
				.connections(4)
				.depth(8)
				.typeFieldSize(BenchmarkPlan.SHORT.typeFieldSize())
				.warmup(Duration.ofMillis(300))
				.duration(Duration.ofSeconds(1))
				.build();
			ServerCpuWindow cpu = new ServerCpuWindow(process.pid());
			EchoResult result = EchoLoadGenerator.run(spec, cpu);
			// on a busy machine a cold server may answer nothing inside the short measured window
			assertThat(result.checkedReplies()).isGreaterThanOrEqualTo(4 * 8);
			assertThat(process.leakReports()).isZero();
			// the window's CPU time was read at both ends (at most 2 cores for 1 s, plus a tick)
			assertThat(cpu.cpuSeconds()).isNotNaN().isBetween(0.0, 3.0);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "RAW_NETTY_BROADCAST", "PACKNET_BROADCAST" })
	void shouldDeliverEveryBroadcastToEveryReceiver(ServerUnderTest server) throws Exception {
		try (ServerProcess process = start(server)) {
			BroadcastLoadSpec spec = BroadcastLoadSpec.builder(process.address())
				.receivers(10)
				.warmup(Duration.ofMillis(300))
				.duration(Duration.ofSeconds(1))
				.build();
			BroadcastResult result = BroadcastLoadGenerator.run(spec);
			assertThat(result.checkedDeliveries()).isPositive();
			assertThat(process.leakReports()).isZero();
		}
	}

	@Test
	void shouldReportConnectionsAndMemoryForIdleConnections() throws Exception {
		try (ServerProcess process = start(ServerUnderTest.RAW_NETTY_ECHO)) {
			MemoryReading before = process.memory(COMMAND_TIMEOUT);
			try (IdleConnections idle = IdleConnections.to(process.address(), Transport.NIO, COMMAND_TIMEOUT)) {
				idle.open(30, COMMAND_TIMEOUT);
				idle.open(20, COMMAND_TIMEOUT);
				assertThat(process.awaitOpenConnections(50, COMMAND_TIMEOUT)).isEqualTo(50);
				MemoryReading after = process.memory(COMMAND_TIMEOUT);
				assertThat(before.heapBytes()).isPositive();
				assertThat(after.heapBytes()).isPositive();
				assertThat(idle.closedByServer()).isZero();
			}
		}
	}

	@Test
	void shouldOnlyOfferFramingsTheServerSupports() {
		assertThat(ServerUnderTest.SPRING_INTEGRATION_ECHO.supports(LengthPrefix.DEFAULT)).isTrue();
		assertThat(ServerUnderTest.SPRING_INTEGRATION_ECHO
			.supports(new LengthPrefix(4, java.nio.ByteOrder.LITTLE_ENDIAN))).isFalse();
		assertThat(ServerUnderTest.SPRING_INTEGRATION_ECHO.supports(new LengthPrefix(3, java.nio.ByteOrder.BIG_ENDIAN)))
			.isFalse();
		assertThat(ServerUnderTest.RAW_NETTY_ECHO.supports(new LengthPrefix(8, java.nio.ByteOrder.LITTLE_ENDIAN)))
			.isTrue();
	}

	@Test
	void shouldHandTheTypeFieldSizeToServersThatRouteOnIt() {
		assertThat(BenchmarkPlan.SHORT.serverArgs(ServerUnderTest.PACKNET_ECHO)).containsSequence("--type-field-size",
				String.valueOf(BenchmarkPlan.SHORT.typeFieldSize()));
		assertThat(BenchmarkPlan.SHORT.serverArgs(ServerUnderTest.PACKNET_BROADCAST)).doesNotContain("--type-field-size");
		assertThat(BenchmarkPlan.SHORT.serverArgs(ServerUnderTest.RAW_NETTY_ECHO)).doesNotContain("--type-field-size");
	}

	private static ServerProcess start(ServerUnderTest server) throws Exception {
		return ServerProcess.start(server, JVM, BenchmarkPlan.SHORT.serverArgs(server), START_TIMEOUT);
	}

}
