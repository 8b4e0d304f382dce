package io.packnet.handler.invocation;

import java.security.Principal;

import org.springframework.core.MethodParameter;

/**
 * Resolves {@link Principal} parameters (or a subtype such as Spring Security's
 * {@code Authentication}) to the principal a {@code PacketAuthenticator} accepted the session as;
 * {@code null} when the server has no authenticator.
 */
public final class PrincipalArgumentResolver implements PreparedArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Principal.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return (packet, exception) -> {
			Principal principal = packet.session().principal().orElse(null);
			if (principal != null && !type.isInstance(principal)) {
				throw new IllegalStateException("Session " + packet.session().id() + " authenticated as a "
						+ principal.getClass().getName() + ", not a " + type.getName());
			}
			return principal;
		};
	}

}
