package io.packnet.handler.invocation;

import java.lang.reflect.Method;
import java.security.Principal;

import io.netty.buffer.Unpooled;
import io.packnet.codec.MessageEncoder;
import io.packnet.handler.InboundPacket;
import io.packnet.support.EmbeddedSession;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PrincipalArgumentResolver} without a socket.
 */
class PrincipalArgumentResolverTests {

	private final PrincipalArgumentResolver resolver = new PrincipalArgumentResolver();

	@Test
	void shouldSupportPrincipalAndItsSubtypesOnly() {
		assertThat(this.resolver.supportsParameter(parameter(0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(1))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(2))).isFalse();
	}

	@Test
	void shouldResolveTheSessionsPrincipalOrNullBeforeAuthentication() throws Exception {
		try (EmbeddedSession embedded = new EmbeddedSession(MessageEncoder.plain())) {
			InboundPacket packet = new InboundPacket(embedded.session, 0, Unpooled.EMPTY_BUFFER, 0,
					MessageEncoder.plain());
			ArgumentSource source = this.resolver.prepare(parameter(0));
			assertThat(source.get(packet, null)).isNull();
			Principal alice = () -> "alice";
			embedded.session.authenticated(alice);
			assertThat(source.get(packet, null)).isSameAs(alice);
		}
	}

	@Test
	void shouldFailNamingBothTypesWhenThePrincipalIsOfAnotherType() throws Exception {
		try (EmbeddedSession embedded = new EmbeddedSession(MessageEncoder.plain())) {
			embedded.session.authenticated(() -> "alice");
			InboundPacket packet = new InboundPacket(embedded.session, 0, Unpooled.EMPTY_BUFFER, 0,
					MessageEncoder.plain());
			ArgumentSource source = this.resolver.prepare(parameter(1));
			assertThatIllegalStateException().isThrownBy(() -> source.get(packet, null))
				.withMessageContaining("not a " + NamedPrincipal.class.getName());
		}
	}

	private static MethodParameter parameter(int index) {
		Method method = ReflectionUtils.findMethod(PrincipalArgumentResolverTests.class, "handle", Principal.class,
				NamedPrincipal.class, String.class);
		return new MethodParameter(method, index);
	}

	void handle(Principal principal, NamedPrincipal named, String payload) {
	}

	record NamedPrincipal(String getName) implements Principal {
	}

}
