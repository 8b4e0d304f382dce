package io.packnet.security;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.event.SessionAuthenticatedEvent;
import io.packnet.event.SessionClosedEvent;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.RawSocketClient;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link PacketAuthenticator} bean gates every session: nothing reaches the dispatcher before it
 * accepts, the principal reaches the session and the events, and rejections, timeouts and failures
 * close the session as {@link CloseReason#UNAUTHENTICATED}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PacketAuthenticatorSocketTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class))
		.withUserConfiguration(TestConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldDispatchNothingBeforeAuthenticationThenExposeThePrincipal() {
		this.runner.run((context) -> {
			RecordingDispatcher dispatcher = context.getBean(RecordingDispatcher.class);
			try (RawSocketClient client = client(context)) {
				send(client, "hello");
				assertThat(read(client)).isEqualTo("challenge");
				send(client, "not yet a login");
				send(client, "user:alice");
				assertThat(read(client)).isEqualTo("welcome alice");
				send(client, "ping");
				assertThat(read(client)).isEqualTo("alice:ping");
				SessionAuthenticatedEvent authenticated = context.getBean(AuthenticationEvents.class).next();
				assertThat(authenticated.principal().getName()).isEqualTo("alice");
				assertThat(authenticated.session().principal()).map(Principal::getName).contains("alice");
			}
			assertThat(dispatcher.frames).containsExactly("ping");
			SessionClosedEvent closed = context.getBean(RecordingListener.class).nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
			assertThat(closed.session().principal()).map(Principal::getName).contains("alice");
			assertThat(context.getBean(PacknetStatistics.class).sessionsAuthenticated()).isEqualTo(1);
		});
	}

	@Test
	void shouldSendTheReplyThenCloseAsUnauthenticatedWhenRejected(CapturedOutput output) {
		this.runner.run((context) -> {
			try (RawSocketClient client = client(context)) {
				// the frame after the bad credentials is pipelined in the same write: it must go nowhere
				client.writeRaw(concat(frame("bad"), frame("sneaky")));
				assertThat(read(client)).isEqualTo("denied");
				assertThat(client.awaitClosedByServer()).isTrue();
			}
			SessionClosedEvent closed = context.getBean(RecordingListener.class).nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.UNAUTHENTICATED);
			assertThat(closed.cause()).isInstanceOf(PacketAuthenticationException.class)
				.hasMessage("Rejected by the PacketAuthenticator");
			assertThat(closed.session().principal()).isEmpty();
			assertThat(context.getBean(RecordingDispatcher.class).frames).isEmpty();
			assertThat(context.getBean(PacknetStatistics.class).authenticationFailures()).isEqualTo(1);
			assertThat(output).contains("Closing session " + closed.session().id())
				.contains("UNAUTHENTICATED (Rejected by the PacketAuthenticator)");
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldCloseAsUnauthenticatedWhenTheAuthTimeoutPasses() {
		this.runner.withPropertyValues("packnet.session.auth-timeout=300ms").run((context) -> {
			try (RawSocketClient client = client(context)) {
				send(client, "hello");
				assertThat(read(client)).isEqualTo("challenge");
				assertThat(client.awaitClosedByServer()).isTrue();
			}
			SessionClosedEvent closed = context.getBean(RecordingListener.class).nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.UNAUTHENTICATED);
			assertThat(closed.cause()).hasMessage("Not authenticated within packnet.session.auth-timeout=PT0.3S");
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldKeepAnAuthenticatedSessionOpenPastTheAuthTimeout() {
		this.runner.withPropertyValues("packnet.session.auth-timeout=300ms").run((context) -> {
			try (RawSocketClient client = client(context)) {
				send(client, "user:dora");
				assertThat(read(client)).isEqualTo("welcome dora");
				context.getBean(AuthenticationEvents.class).next();
				Session session = context.getBean(RecordingListener.class).nextStarted().session();
				await(() -> session.startedAt().plusMillis(600).isBefore(java.time.Instant.now()));
				send(client, "still");
				assertThat(read(client)).isEqualTo("dora:still");
				assertThat(session.isOpen()).isTrue();
			}
		});
	}

	@Test
	void shouldHoldFramesBehindADeferredDecisionAndDispatchThemInOrderWhenItAccepts() {
		this.runner.run((context) -> {
			try (RawSocketClient client = client(context)) {
				client.writeRaw(concat(frame("slow:bob"), frame("a"), frame("b"), frame("c")));
				assertThat(read(client)).isEqualTo("welcome bob");
				assertThat(read(client)).isEqualTo("bob:a");
				assertThat(read(client)).isEqualTo("bob:b");
				assertThat(read(client)).isEqualTo("bob:c");
			}
			assertThat(context.getBean(RecordingDispatcher.class).frames).containsExactly("a", "b", "c");
			assertThat(context.getBean(RecordingListener.class).nextClosed().reason())
				.isEqualTo(CloseReason.PEER_CLOSED);
		});
	}

	@Test
	void shouldDropFramesBehindADeferredDecisionThatRejects() {
		this.runner.run((context) -> {
			try (RawSocketClient client = client(context)) {
				client.writeRaw(concat(frame("slow-bad"), frame("a"), frame("b")));
				assertThat(read(client)).isEqualTo("denied later");
				assertThat(client.awaitClosedByServer()).isTrue();
			}
			assertThat(context.getBean(RecordingListener.class).nextClosed().reason())
				.isEqualTo(CloseReason.UNAUTHENTICATED);
			assertThat(context.getBean(RecordingDispatcher.class).frames).isEmpty();
		});
	}

	@Test
	void shouldCloseAsUnauthenticatedWhenTheAuthenticatorThrows() {
		this.runner.run((context) -> {
			try (RawSocketClient client = client(context)) {
				send(client, "boom");
				assertThat(client.awaitClosedByServer()).isTrue();
			}
			SessionClosedEvent closed = context.getBean(RecordingListener.class).nextClosed();
			assertThat(closed.reason()).isEqualTo(CloseReason.UNAUTHENTICATED);
			assertThat(closed.cause()).hasMessage("PacketAuthenticator failed")
				.hasRootCauseInstanceOf(IllegalStateException.class);
			assertWellBehavedClientStillEchoes(context);
		});
	}

	@Test
	void shouldPassThePrincipalToPacketHandlerMethods() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class))
			.withUserConfiguration(PrincipalHandler.class)
			.withBean(CommandAuthenticator.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1")
			.run((context) -> {
				try (RawSocketClient client = client(context)) {
					send(client, "user:frank");
					assertThat(read(client)).isEqualTo("welcome frank");
					send(client, "hi");
					assertThat(read(client)).isEqualTo("frank said hi");
				}
			});
	}

	private static void assertWellBehavedClientStillEchoes(AssertableApplicationContext context) throws Exception {
		try (RawSocketClient client = client(context)) {
			send(client, "user:eve");
			assertThat(read(client)).isEqualTo("welcome eve");
			send(client, "echo");
			assertThat(read(client)).isEqualTo("eve:echo");
		}
	}

	private static RawSocketClient client(AssertableApplicationContext context) throws Exception {
		return new RawSocketClient(context.getBean(PacketServer.class).port());
	}

	private static void send(RawSocketClient client, String text) throws Exception {
		client.writeRaw(frame(text));
	}

	private static String read(RawSocketClient client) throws Exception {
		return new String(client.readFrame(4, ByteOrder.BIG_ENDIAN), StandardCharsets.UTF_8);
	}

	private static byte[] frame(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		return concat(RawSocketClient.header(4, ByteOrder.BIG_ENDIAN, payload.length), payload);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void await(java.util.concurrent.Callable<Boolean> condition) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(condition);
	}

	/**
	 * {@code hello} gets a challenge, {@code user:NAME} authenticates, {@code slow:NAME} does so after
	 * 100 ms on another thread, {@code bad} and {@code slow-bad} reject, {@code boom} throws; anything
	 * else waits for more.
	 */
	static class CommandAuthenticator implements PacketAuthenticator {

		@Override
		public AuthenticationResult authenticate(Session session, ByteBuf frame) {
			String text = frame.toString(StandardCharsets.UTF_8);
			if (text.equals("hello")) {
				session.send("challenge");
				return AuthenticationResult.pending();
			}
			if (text.startsWith("user:")) {
				return welcome(session, text.substring(5));
			}
			if (text.startsWith("slow:")) {
				String name = text.substring(5);
				return AuthenticationResult.deferred(CompletableFuture.supplyAsync(() -> welcome(session, name),
						CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
			}
			if (text.equals("bad")) {
				return AuthenticationResult.rejected("denied");
			}
			if (text.equals("slow-bad")) {
				return AuthenticationResult.deferred(
						CompletableFuture.supplyAsync(() -> AuthenticationResult.rejected("denied later"),
								CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
			}
			if (text.equals("boom")) {
				throw new IllegalStateException("authenticator bug");
			}
			return AuthenticationResult.pending();
		}

		private static AuthenticationResult welcome(Session session, String name) {
			session.send("welcome " + name);
			return AuthenticationResult.authenticated(() -> name);
		}

	}

	@PacketHandler
	static class PrincipalHandler {

		@PacketMapping
		String say(Principal principal, String text) {
			return principal.getName() + " said " + text;
		}

	}

	/** Records what reaches the application and answers {@code PRINCIPAL:frame}. */
	static class RecordingDispatcher implements PacketDispatcher {

		final List<String> frames = new CopyOnWriteArrayList<>();

		@Override
		public void dispatch(Session session, ByteBuf frame) {
			String text = frame.toString(StandardCharsets.UTF_8);
			this.frames.add(text);
			session.send(session.principal().map(Principal::getName).orElse("NOBODY") + ":" + text);
		}

	}

	static class AuthenticationEvents {

		final java.util.concurrent.BlockingQueue<SessionAuthenticatedEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();

		@EventListener
		void on(SessionAuthenticatedEvent event) {
			this.events.add(event);
		}

		SessionAuthenticatedEvent next() throws InterruptedException {
			SessionAuthenticatedEvent event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("SessionAuthenticatedEvent within 10 s").isNotNull();
			return event;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TestConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		AuthenticationEvents authenticationEvents() {
			return new AuthenticationEvents();
		}

		@Bean
		RecordingDispatcher recordingDispatcher() {
			return new RecordingDispatcher();
		}

		@Bean
		CommandAuthenticator commandAuthenticator() {
			return new CommandAuthenticator();
		}

	}

}
