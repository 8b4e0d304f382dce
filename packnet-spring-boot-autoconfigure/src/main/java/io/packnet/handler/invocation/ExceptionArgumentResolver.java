package io.packnet.handler.invocation;

import org.springframework.core.MethodParameter;

/**
 * Resolves the exception parameter of an exception handler method: the exception being handled,
 * or the first cause of the parameter's type.
 */
public final class ExceptionArgumentResolver implements PreparedArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Throwable.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public ArgumentSource prepare(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return (packet, exception) -> {
			for (Throwable candidate = exception; candidate != null; candidate = candidate.getCause()) {
				if (type.isInstance(candidate)) {
					return candidate;
				}
				if (candidate.getCause() == candidate) {
					break;
				}
			}
			return null;
		};
	}

}
