package io.packnet.server;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.netty.channel.ChannelOption;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.CommandServerConfiguration;
import io.packnet.support.RawSocketClient;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Each {@code packnet.server.*} property, observed on real sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerPropertiesSocketTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class))
		.withUserConfiguration(CommandServerConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldLogWhereItListensWhichTransportAndFramingAsItsFirstInfoLine(CapturedOutput output) {
		this.runner.run((context) -> {
			int port = context.getBean(PacketServer.class).port();
			String transport = context.getBean(PacketServer.class).transport().displayName();
			String firstPacknetInfo = output.getOut()
				.lines()
				.filter((line) -> line.contains("INFO") && line.contains("io.packnet"))
				.findFirst()
				.orElseThrow();
			assertThat(firstPacknetInfo).contains("packnet server listening on 127.0.0.1:" + port)
				.contains("transport " + transport)
				.contains("framing length-field(4 bytes, big-endian, max 1048576 bytes)");
		});
	}

	@Test
	void shouldBindTheConfiguredHostOnly() {
		this.runner.run((context) -> {
			int port = context.getBean(PacketServer.class).port();
			try (RawSocketClient client = new RawSocketClient(port)) {
				Session session = context.getBean(RecordingListener.class).nextStarted().session();
				assertThat(((InetSocketAddress) session.localAddress()).getAddress().getHostAddress())
					.isEqualTo("127.0.0.1");
			}
			// 127.0.0.2 is loopback too, but not the bound address
			try (Socket other = new Socket()) {
				org.assertj.core.api.Assertions.assertThatIOException()
					.isThrownBy(() -> other.connect(new InetSocketAddress("127.0.0.2", port), 2000));
			}
		});
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void shouldServeFramesOnEachTransportThatLoadsHere(Transport transport) {
		assumeThat(ResolvedTransport.isAvailable(transport)).as(transport + " loads on this machine").isTrue();
		this.runner.withPropertyValues("packnet.server.transport=" + transport.name().toLowerCase().replace('_', '-'))
			.run((context) -> {
				PacketServer server = context.getBean(PacketServer.class);
				assertThat(server.transport().transport()).isEqualTo(
						(transport == Transport.AUTO) ? ResolvedTransport.resolve(Transport.AUTO).transport() : transport);
				try (RawSocketClient client = new RawSocketClient(server.port())) {
					client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 1, 2, 3 });
					assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(1, 2, 3);
				}
			});
	}

	@Test
	void autoShouldPreferANativeTransportWhenOneLoads() {
		Transport picked = ResolvedTransport.resolve(Transport.AUTO).transport();
		if (ResolvedTransport.isAvailable(Transport.EPOLL)) {
			assertThat(picked).isEqualTo(Transport.EPOLL);
		}
		else if (ResolvedTransport.isAvailable(Transport.IO_URING)) {
			assertThat(picked).isEqualTo(Transport.IO_URING);
		}
		else {
			assertThat(picked).isEqualTo(Transport.NIO);
		}
	}

	@Test
	void shouldServeAllSessionsFromTheConfiguredNumberOfWorkerThreads() {
		this.runner.withPropertyValues("packnet.server.worker-threads=2", "packnet.server.boss-threads=1")
			.run((context) -> {
				RecordingListener events = context.getBean(RecordingListener.class);
				List<RawSocketClient> clients = new ArrayList<>();
				Set<Object> loops = new HashSet<>();
				try {
					for (int i = 0; i < 6; i++) {
						clients.add(new RawSocketClient(context.getBean(PacketServer.class).port()));
						loops.add(((ChannelSession) events.nextStarted().session()).eventLoop());
					}
				}
				finally {
					for (RawSocketClient client : clients) {
						client.close();
					}
				}
				assertThat(loops).hasSize(2);
			});
	}

	@Test
	void shouldApplySocketOptionsToEachConnection() {
		this.runner
			.withPropertyValues("packnet.server.tcp-no-delay=false", "packnet.server.keep-alive=false",
					"packnet.server.send-buffer-size=64KB", "packnet.server.receive-buffer-size=32KB")
			.run((context) -> {
				try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
					ChannelSession session = (ChannelSession) context.getBean(RecordingListener.class)
						.nextStarted()
						.session();
					assertThat(session.channel().config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
					assertThat(session.channel().config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
					// Linux doubles the requested size for bookkeeping
					assertThat(session.channel().config().getOption(ChannelOption.SO_SNDBUF)).isGreaterThanOrEqualTo(64 * 1024);
					assertThat(session.channel().config().getOption(ChannelOption.SO_RCVBUF)).isGreaterThanOrEqualTo(32 * 1024);
				}
			});
		this.runner.run((context) -> {
			try (RawSocketClient client = new RawSocketClient(context.getBean(PacketServer.class).port())) {
				ChannelSession session = (ChannelSession) context.getBean(RecordingListener.class).nextStarted().session();
				assertThat(session.channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
				assertThat(session.channel().config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
			}
		});
	}

	@Test
	void shouldRefuseConnectionsOverMaxConnectionsWithoutDisturbingTheOthers() {
		this.runner.withPropertyValues("packnet.server.max-connections=3").run((context) -> {
			int port = context.getBean(PacketServer.class).port();
			RecordingListener events = context.getBean(RecordingListener.class);
			List<RawSocketClient> admitted = new ArrayList<>();
			try {
				for (int i = 0; i < 3; i++) {
					admitted.add(new RawSocketClient(port));
					events.nextStarted();
				}
				for (int i = 0; i < 5; i++) {
					try (RawSocketClient refused = new RawSocketClient(port)) {
						assertThat(refused.awaitClosedByServer()).isTrue();
					}
				}
				assertThat(context.getBean(PacknetStatistics.class).connectionsRejected()).isEqualTo(5);
				assertThat(events.started).as("refused connections never become sessions").isEmpty();
				assertThat(events.closed).isEmpty();
				for (RawSocketClient client : admitted) {
					client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 5 });
					assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(5);
				}
				// a slot frees up when a session closes
				admitted.remove(0).close();
				events.nextClosed();
				admitted.add(new RawSocketClient(port));
				events.nextStarted();
			}
			finally {
				for (RawSocketClient client : admitted) {
					client.close();
				}
			}
		});
	}

	@Test
	void shouldRefuseASecondConnectionFromTheSameIpWhenMaxConnectionsPerIpIsOne() {
		this.runner.withPropertyValues("packnet.server.max-connections-per-ip=1")
			.run((context) -> {
				int port = context.getBean(PacketServer.class).port();
				RecordingListener events = context.getBean(RecordingListener.class);
				try (RawSocketClient first = new RawSocketClient(port)) {
					events.nextStarted();
					try (RawSocketClient second = new RawSocketClient(port)) {
						assertThat(second.awaitClosedByServer()).isTrue();
					}
					// another address is another budget
					try (Socket other = new Socket()) {
						other.bind(new InetSocketAddress("127.0.0.2", 0));
						other.connect(new InetSocketAddress("127.0.0.1", port), 2000);
						assertThat(events.nextStarted().session().remoteAddress().toString()).contains("127.0.0.2");
					}
					first.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { 9 });
					assertThat(first.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(9);
				}
				assertThat(context.getBean(PacknetStatistics.class).connectionsRejected()).isEqualTo(1);
			});
	}

	@Test
	void shouldCutSessionsThatCannotFlushWithinTheShutdownTimeout() throws Exception {
		RecordingListener[] events = new RecordingListener[1];
		RawSocketClient[] slow = new RawSocketClient[1];
		long[] stopMillis = new long[1];
		this.runner
			.withPropertyValues("packnet.server.shutdown-timeout=500ms", "packnet.session.max-pending-bytes=64MB")
			.run((context) -> {
				events[0] = context.getBean(RecordingListener.class);
				slow[0] = new RawSocketClient(context.getBean(PacketServer.class).port());
				slow[0].socket().setReceiveBufferSize(4096);
				slow[0].writeFrame(4, ByteOrder.BIG_ENDIAN, "flood:500:65536".getBytes());
				Session session = events[0].nextStarted().session();
				await().atMost(Duration.ofSeconds(5)).until(() -> session.pendingOutboundBytes() > 1_000_000);
				stopMillis[0] = System.currentTimeMillis();
			});
		long took = System.currentTimeMillis() - stopMillis[0];
		try {
			assertThat(took).isLessThan(5000);
			assertThat(events[0].nextClosed().reason()).isEqualTo(CloseReason.SERVER_SHUTDOWN);
		}
		finally {
			slow[0].close();
		}
	}

	@Test
	void shouldFailStartupWithTheAddressWhenThePortIsTaken() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
				java.net.InetAddress.getByName("127.0.0.1"))) {
			this.runner.withPropertyValues("packnet.server.port=" + taken.getLocalPort()).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"packnet server failed to bind 127.0.0.1:" + taken.getLocalPort());
			});
		}
	}

	@Test
	void shouldCountSessionsInTheRegistry() {
		this.runner.run((context) -> {
			SessionRegistry registry = context.getBean(SessionRegistry.class);
			int port = context.getBean(PacketServer.class).port();
			try (RawSocketClient a = new RawSocketClient(port); RawSocketClient b = new RawSocketClient(port)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 2);
				assertThat(registry.sessions()).extracting(Session::id).doesNotHaveDuplicates();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 0);
		});
	}

}
