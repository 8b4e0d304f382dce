package io.packnet.hostile;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.packnet.autoconfigure.BroadcastAutoConfiguration;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.event.SessionClosedEvent;
import io.packnet.handler.HandlerInvocationListener;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.support.RawSocketClient;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session whose every frame makes its {@code @PacketHandler} method throw: with
 * {@code packnet.handler.on-error=log} it stays open and keeps being served, with {@code close} it
 * closes as {@link CloseReason#HANDLER_ERROR}; either way the other sessions never notice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandlerFailureSocketTests {

	private static final int FAILING_FRAMES = 200;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class,
				BroadcastAutoConfiguration.class))
		.withUserConfiguration(FailureConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1");

	@Test
	void shouldKeepServingASessionWhoseHandlerThrowsOnEveryFrameWhenOnErrorIsLog() {
		this.runner.withPropertyValues("packnet.handler.on-error=log").run((context) -> {
			try (RawSocketClient bystander = client(context); RawSocketClient failing = client(context)) {
				RecordingListener events = context.getBean(RecordingListener.class);
				events.nextStarted();
				events.nextStarted();
				// the two sessions may start in either order (different event loops): find it by port
				Session failingSession = sessionOf(context, failing);
				failing.writeRaw(failingFrames());
				assertEcho(bystander, 1);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> context.getBean(FailureCounter.class).failures.get() == FAILING_FRAMES);
				assertThat(failingSession.isOpen()).isTrue();
				assertThat(events.closed).isEmpty();
				// the failing session itself is still served
				assertEcho(failing, 2);
				assertEcho(bystander, 3);
			}
			RecordingListener events = context.getBean(RecordingListener.class);
			assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
			assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
			assertNewcomerEchoes(context);
		});
	}

	@Test
	void shouldCloseWithHandlerErrorAndSpareTheOthersWhenOnErrorIsClose() {
		this.runner.withPropertyValues("packnet.handler.on-error=close").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (RawSocketClient bystander = client(context); RawSocketClient failing = client(context)) {
				events.nextStarted();
				events.nextStarted();
				// the two sessions may start in either order (different event loops): find it by port
				Session failingSession = sessionOf(context, failing);
				failing.writeRaw(failingFrames());
				assertThat(failing.awaitClosedByServer()).isTrue();
				SessionClosedEvent closed = events.nextClosed();
				assertThat(closed.session()).isSameAs(failingSession);
				assertThat(closed.reason()).isEqualTo(CloseReason.HANDLER_ERROR);
				assertThat(closed.cause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("handler bug");
				// frames after the first failure were not handled: the session was closing
				assertThat(context.getBean(FailureCounter.class).failures.get()).isEqualTo(1);
				assertEcho(bystander, 4);
			}
			assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.PEER_CLOSED);
			assertNewcomerEchoes(context);
		});
	}

	private static Session sessionOf(AssertableApplicationContext context, RawSocketClient client) {
		int port = client.socket().getLocalPort();
		return context.getBean(SessionRegistry.class)
			.sessions()
			.stream()
			.filter((session) -> ((InetSocketAddress) session.remoteAddress()).getPort() == port)
			.findFirst()
			.orElseThrow();
	}

	private static byte[] failingFrames() {
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = 0; i < FAILING_FRAMES; i++) {
			wire.writeBytes(RawSocketClient.header(4, ByteOrder.BIG_ENDIAN, 2));
			wire.writeBytes(new byte[] { HostileTestHandler.FAIL, (byte) i });
		}
		return wire.toByteArray();
	}

	private static void assertEcho(RawSocketClient client, int value) throws Exception {
		client.writeFrame(4, ByteOrder.BIG_ENDIAN, new byte[] { HostileTestHandler.ECHO, (byte) value });
		assertThat(client.readFrame(4, ByteOrder.BIG_ENDIAN)).containsExactly(HostileTestHandler.ECHO, value);
	}

	private static void assertNewcomerEchoes(AssertableApplicationContext context) throws Exception {
		try (RawSocketClient newcomer = client(context)) {
			assertEcho(newcomer, 9);
		}
	}

	private static RawSocketClient client(AssertableApplicationContext context) throws Exception {
		return new RawSocketClient(context.getBean(PacketServer.class).port());
	}

	/** Counts handler invocations that threw. */
	static class FailureCounter implements HandlerInvocationListener {

		final AtomicInteger failures = new AtomicInteger();

		@Override
		public Recorder recorderFor(io.packnet.handler.PacketHandlerMethod method) {
			return (type, durationNanos, failure) -> {
				if (failure != null) {
					this.failures.incrementAndGet();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(HostileTestHandler.class)
	static class FailureConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		FailureCounter failureCounter() {
			return new FailureCounter();
		}

	}

}
