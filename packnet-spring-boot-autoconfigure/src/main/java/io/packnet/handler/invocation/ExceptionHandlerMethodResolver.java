package io.packnet.handler.invocation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.packnet.handler.PacketExceptionHandler;
import io.packnet.handler.PacketHandlerMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ExceptionDepthComparator;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The {@link PacketExceptionHandler @PacketExceptionHandler} methods of one bean, found once, and
 * the method for each exception type: the closest declared type wins, then the exception's causes
 * are tried. Results are cached per exception class.
 */
public final class ExceptionHandlerMethodResolver {

	private static final Comparator<Method> METHOD_ORDER = Comparator.comparing(Method::getName)
		.thenComparing(Method::toGenericString);

	/** A resolver without methods. */
	public static final ExceptionHandlerMethodResolver EMPTY = new ExceptionHandlerMethodResolver(Map.of());

	private final Map<Class<? extends Throwable>, InvocableHandlerMethod> methods;

	private final Map<Class<?>, Optional<InvocableHandlerMethod>> cache = new ConcurrentHashMap<>();

	private ExceptionHandlerMethodResolver(Map<Class<? extends Throwable>, InvocableHandlerMethod> methods) {
		this.methods = methods;
	}

	/**
	 * Finds the exception handler methods of a bean.
	 * @param beanName the bean's name
	 * @param bean the bean (possibly a proxy)
	 * @param userType the bean's own class
	 * @param factory prepares the methods
	 * @return the resolver, {@link #EMPTY} if the bean declares none
	 * @throws IllegalStateException on an exception type mapped twice, or a method handling none
	 */
	public static ExceptionHandlerMethodResolver detect(String beanName, Object bean, Class<?> userType,
			HandlerMethodFactory factory) {
		Map<Method, PacketExceptionHandler> annotated = MethodIntrospector.selectMethods(userType,
				(MethodIntrospector.MetadataLookup<PacketExceptionHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, PacketExceptionHandler.class));
		if (annotated.isEmpty()) {
			return EMPTY;
		}
		Map<Class<? extends Throwable>, InvocableHandlerMethod> methods = new LinkedHashMap<>();
		annotated.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(METHOD_ORDER))
			.forEach((entry) -> {
				PacketHandlerMethod info = new PacketHandlerMethod(beanName, userType, entry.getKey());
				InvocableHandlerMethod invocable = factory.createExceptionHandlerMethod(info, bean,
						entry.getValue().reply());
				for (Class<? extends Throwable> type : exceptionTypes(info, entry.getValue())) {
					InvocableHandlerMethod existing = methods.putIfAbsent(type, invocable);
					if (existing != null) {
						throw new IllegalStateException("Ambiguous @PacketExceptionHandler for " + type.getName()
								+ ": " + existing.info().qualifiedName() + " and " + info.qualifiedName());
					}
				}
			});
		return new ExceptionHandlerMethodResolver(methods);
	}

	@SuppressWarnings("unchecked")
	private static List<Class<? extends Throwable>> exceptionTypes(PacketHandlerMethod info,
			PacketExceptionHandler annotation) {
		List<Class<? extends Throwable>> types = new ArrayList<>(Arrays.asList(annotation.value()));
		if (types.isEmpty()) {
			for (Class<?> parameterType : info.method().getParameterTypes()) {
				if (Throwable.class.isAssignableFrom(parameterType)) {
					types.add((Class<? extends Throwable>) parameterType);
				}
			}
		}
		if (types.isEmpty()) {
			throw new IllegalStateException("@PacketExceptionHandler " + info.qualifiedName()
					+ " handles no exception type: name them in the annotation or declare an exception parameter");
		}
		return types;
	}

	/**
	 * Tells whether the bean declares no exception handler methods.
	 * @return {@code true} if {@link #resolve} never finds one
	 */
	public boolean isEmpty() {
		return this.methods.isEmpty();
	}

	/**
	 * Finds the method for an exception, trying its causes when nothing handles it directly.
	 * @param exception the exception
	 * @return the method, or {@code null}
	 */
	public @Nullable InvocableHandlerMethod resolve(Throwable exception) {
		if (this.methods.isEmpty()) {
			return null;
		}
		for (Throwable candidate = exception; candidate != null; candidate = candidate.getCause()) {
			InvocableHandlerMethod method = resolveByType(candidate.getClass());
			if (method != null) {
				return method;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	private @Nullable InvocableHandlerMethod resolveByType(Class<? extends Throwable> type) {
		return this.cache.computeIfAbsent(type, (key) -> {
			List<Class<? extends Throwable>> matches = new ArrayList<>();
			for (Class<? extends Throwable> mapped : this.methods.keySet()) {
				if (mapped.isAssignableFrom(type)) {
					matches.add(mapped);
				}
			}
			if (matches.isEmpty()) {
				return Optional.empty();
			}
			matches.sort(new ExceptionDepthComparator(type));
			return Optional.of(this.methods.get(matches.get(0)));
		}).orElse(null);
	}

}
