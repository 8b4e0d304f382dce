package io.packnet.actuate.handler;

import io.packnet.handler.PacketHandlerMethod;
import io.packnet.handler.PacketMapping;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The tag keys and values shared by the handler timer and the handler observation, so dashboards
 * work with either.
 */
final class HandlerTags {

	static final String TYPE = "type";

	static final String HANDLER = "handler";

	static final String OUTCOME = "outcome";

	static final String EXCEPTION = "exception";

	static final String SUCCESS = "SUCCESS";

	static final String ERROR = "ERROR";

	static final String NONE = "none";

	/** The {@code type} of the default route, which also receives unmapped types when routing is on. */
	static final String DEFAULT_ROUTE = "default";

	private HandlerTags() {
	}

	/**
	 * Returns {@code bean#method}: without parameter types, as two methods of a bean rarely share a name.
	 */
	static String handler(PacketHandlerMethod method) {
		return method.beanName() + "#" + method.method().getName();
	}

	/** Returns the message types a method is mapped to; empty for the default route. */
	static int[] mappedTypes(PacketHandlerMethod method) {
		PacketMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.method(), PacketMapping.class);
		return (mapping != null) ? mapping.value() : new int[0];
	}

	/**
	 * Returns the {@code type} tag of an invocation: the mapped type, never an arbitrary one.
	 * @param types the method's mapped types
	 * @param type the invocation's message type
	 */
	static String route(int[] types, int type) {
		if (types.length == 0) {
			return DEFAULT_ROUTE;
		}
		if (types.length == 1) {
			return Integer.toUnsignedString(types[0]);
		}
		return Integer.toUnsignedString(type);
	}

	static String exception(Class<?> type) {
		return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
	}

}
