package io.packnet.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a {@link PacketAuthenticator} delegates to Spring Security's {@link AuthenticationManager}
 * without packnet depending on Spring Security: the first frame carries {@code user:password}, the
 * manager (which may block: password hashing, a user store) runs on an executor, and its
 * {@link Authentication}, a {@link Principal}, becomes the session's principal, which handler
 * methods take as an argument.
 */
class SpringSecurityAuthenticatorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class))
		.withUserConfiguration(SecurityConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldAuthenticateThroughTheAuthenticationManagerOffTheEventLoop() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				client.send("alice:wonderland").get(5, TimeUnit.SECONDS);
				assertThat(receive(client)).isEqualTo("welcome alice");
				client.send("whoami").get(5, TimeUnit.SECONDS);
				assertThat(receive(client)).isEqualTo("alice [ROLE_PLAYER]");
			}
			assertThat(context.getBean(RecordingManager.class).threads).singleElement()
				.asString()
				.startsWith("auth-")
				.doesNotStartWith("packnet-worker");
		});
	}

	@Test
	void shouldRejectBadCredentialsAsUnauthenticated() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				client.send("alice:guess").get(5, TimeUnit.SECONDS);
				client.send("whoami");
				assertThat(receive(client)).isEqualTo("denied: Bad credentials");
				client.closeFuture().get(5, TimeUnit.SECONDS);
			}
			assertThat(context.getBean(RecordingListener.class).nextClosed().reason())
				.isEqualTo(CloseReason.UNAUTHENTICATED);
		});
	}

	private static PacketClient connect(org.springframework.context.ApplicationContext context) {
		return context.getBean(PacketClientFactory.class).connect("127.0.0.1",
				context.getBean(PacketServer.class).port());
	}

	private static String receive(PacketClient client) {
		byte[] frame = client.receive(Duration.ofSeconds(5));
		assertThat(frame).as("a frame within 5 s").isNotNull();
		return new String(frame, StandardCharsets.UTF_8);
	}

	/**
	 * The authenticator an application writes: parse the frame on the event loop (the buffer is
	 * released when {@code authenticate} returns), authenticate on an executor.
	 */
	static class AuthenticationManagerPacketAuthenticator implements PacketAuthenticator {

		private final AuthenticationManager authenticationManager;

		private final Executor executor;

		AuthenticationManagerPacketAuthenticator(AuthenticationManager authenticationManager, Executor executor) {
			this.authenticationManager = authenticationManager;
			this.executor = executor;
		}

		@Override
		public AuthenticationResult authenticate(Session session, ByteBuf frame) {
			String[] credentials = frame.toString(StandardCharsets.UTF_8).split(":", 2);
			if (credentials.length != 2) {
				return AuthenticationResult.rejected("denied: expected user:password");
			}
			Authentication request = UsernamePasswordAuthenticationToken.unauthenticated(credentials[0],
					credentials[1]);
			return AuthenticationResult.deferred(CompletableFuture.supplyAsync(() -> {
				try {
					Authentication authentication = this.authenticationManager.authenticate(request);
					session.send("welcome " + authentication.getName());
					return AuthenticationResult.authenticated(authentication);
				}
				catch (AuthenticationException ex) {
					return AuthenticationResult.rejected("denied: " + ex.getMessage());
				}
			}, this.executor));
		}

	}

	/** Wraps the manager to record which thread it ran on. */
	static class RecordingManager implements AuthenticationManager {

		final List<String> threads = new CopyOnWriteArrayList<>();

		private final AuthenticationManager delegate;

		RecordingManager(AuthenticationManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			this.threads.add(Thread.currentThread().getName());
			return this.delegate.authenticate(authentication);
		}

	}

	/** A handler method takes the {@link Authentication}: the session's principal, authorities and all. */
	@PacketHandler
	static class WhoAmIHandler {

		@PacketMapping
		String whoAmI(Authentication authentication, String request) {
			return authentication.getName() + " " + authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("ROLE_"))
				.toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WhoAmIHandler.class)
	static class SecurityConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		RecordingManager authenticationManager() {
			InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}wonderland").roles("PLAYER").build());
			return new RecordingManager(new ProviderManager(new DaoAuthenticationProvider(users)));
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService authenticationExecutor() {
			return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "auth-" + task.hashCode()));
		}

		@Bean
		PacketAuthenticator packetAuthenticator(AuthenticationManager authenticationManager,
				ExecutorService authenticationExecutor) {
			return new AuthenticationManagerPacketAuthenticator(authenticationManager, authenticationExecutor);
		}

	}

}
