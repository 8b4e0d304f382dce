package io.packnet.handler.invocation;

import java.util.Objects;

import io.packnet.handler.SessionAttribute;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;

/**
 * Resolves {@link SessionAttribute @SessionAttribute} parameters from the session's attributes.
 */
public final class SessionAttributeArgumentResolver implements PreparedArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(SessionAttribute.class);
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		SessionAttribute annotation = Objects.requireNonNull(parameter.getParameterAnnotation(SessionAttribute.class));
		String name = annotation.value();
		boolean required = annotation.required() || parameter.getParameterType().isPrimitive();
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(parameter.getParameterType());
		return (packet, exception) -> {
			Object value = packet.session().attributes().get(name);
			if (value == null) {
				if (required) {
					throw new IllegalStateException("Session " + packet.session().id() + " has no attribute '" + name
							+ "' (required by @SessionAttribute)");
				}
				return null;
			}
			if (!type.isInstance(value)) {
				throw new IllegalStateException("Session attribute '" + name + "' is a " + value.getClass().getName()
						+ ", not a " + type.getName());
			}
			return value;
		};
	}

}
