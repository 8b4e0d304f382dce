package io.packnet.handler;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Identifies a {@link PacketMapping @PacketMapping} or
 * {@link PacketExceptionHandler @PacketExceptionHandler} method of a bean, for mappings, logs and
 * metrics.
 *
 * @param beanName the bean's name
 * @param beanType the bean's class, without proxy subclasses
 * @param method the method
 */
public record PacketHandlerMethod(String beanName, Class<?> beanType, Method method) {

	/**
	 * Validates the components.
	 * @param beanName the bean's name
	 * @param beanType the bean's class
	 * @param method the method
	 */
	public PacketHandlerMethod {
		Objects.requireNonNull(beanName, "beanName");
		Objects.requireNonNull(beanType, "beanType");
		Objects.requireNonNull(method, "method");
	}

	/**
	 * Returns {@code beanName#method(ParamType, ...)}, with simple type names.
	 * @return the short description used by mappings and logs
	 */
	public String description() {
		return this.beanName + "#" + this.method.getName() + "(" + parameterTypes() + ")";
	}

	/**
	 * Returns {@code com.example.BeanClass#method(ParamType, ...)}, for startup errors.
	 * @return the qualified description
	 */
	public String qualifiedName() {
		return this.beanType.getName() + "#" + this.method.getName() + "(" + parameterTypes() + ")";
	}

	private String parameterTypes() {
		return Arrays.stream(this.method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return description();
	}

}
