package io.packnet.handler.invocation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.PayloadCodecException;
import io.packnet.handler.PacketArgumentResolver;
import io.packnet.handler.PacketHandlerMethod;
import io.packnet.handler.PacketReturnValueHandler;
import io.packnet.handler.invocation.InvocableHandlerMethod.ReturnKind;
import io.packnet.handler.invocation.InvocableHandlerMethod.ReturnValueStrategy;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ReflectionUtils;

/**
 * Turns handler methods into {@link InvocableHandlerMethod}s: picks a resolver per parameter and a
 * return value handling per method, once, and fails with a message naming the method and the
 * parameter when nothing fits.
 * <p>Resolver order: {@code @PacketType}, {@code @SessionAttribute}, {@code Session} and
 * {@code InboundPacket}, {@code Principal}, the application's resolvers, then the payload (raw or
 * through a codec).
 * Exception handler methods resolve their exception parameter first.
 */
public final class HandlerMethodFactory {

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final List<PacketArgumentResolver> resolvers;

	private final List<PacketArgumentResolver> exceptionHandlerResolvers;

	private final List<PacketReturnValueHandler> returnValueHandlers;

	private final MessageEncoder encoder;

	/**
	 * Creates a factory.
	 * @param customResolvers the application's argument resolvers, in order
	 * @param customReturnValueHandlers the application's return value handlers, in order
	 * @param encoder the codecs for payload arguments and replies
	 */
	public HandlerMethodFactory(List<PacketArgumentResolver> customResolvers,
			List<PacketReturnValueHandler> customReturnValueHandlers, MessageEncoder encoder) {
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		List<PacketArgumentResolver> resolvers = new ArrayList<>();
		resolvers.add(new PacketTypeArgumentResolver());
		resolvers.add(new SessionAttributeArgumentResolver());
		resolvers.add(new SessionArgumentResolver());
		resolvers.add(new PrincipalArgumentResolver());
		resolvers.addAll(customResolvers);
		resolvers.add(new PayloadArgumentResolver(encoder));
		this.resolvers = List.copyOf(resolvers);
		List<PacketArgumentResolver> exceptionResolvers = new ArrayList<>();
		exceptionResolvers.add(new ExceptionArgumentResolver());
		exceptionResolvers.addAll(resolvers);
		this.exceptionHandlerResolvers = List.copyOf(exceptionResolvers);
		this.returnValueHandlers = List.copyOf(customReturnValueHandlers);
	}

	/**
	 * Prepares a {@code @PacketMapping} method.
	 * @param info the method and its bean's name
	 * @param bean the bean (possibly a proxy)
	 * @param replyType the declared reply type, or {@code PacketMapping.SAME_TYPE}
	 * @return the invocable method
	 * @throws IllegalStateException naming the method and parameter if a parameter cannot be resolved
	 */
	public InvocableHandlerMethod createHandlerMethod(PacketHandlerMethod info, Object bean, int replyType) {
		return create(info, bean, replyType, this.resolvers);
	}

	/**
	 * Prepares a {@code @PacketExceptionHandler} method.
	 * @param info the method and its bean's name
	 * @param bean the bean (possibly a proxy)
	 * @param replyType the declared reply type, or {@code PacketMapping.SAME_TYPE}
	 * @return the invocable method
	 * @throws IllegalStateException naming the method and parameter if a parameter cannot be resolved
	 */
	public InvocableHandlerMethod createExceptionHandlerMethod(PacketHandlerMethod info, Object bean,
			int replyType) {
		return create(info, bean, replyType, this.exceptionHandlerResolvers);
	}

	private InvocableHandlerMethod create(PacketHandlerMethod info, Object bean, int replyType,
			List<PacketArgumentResolver> candidates) {
		Method method = info.method();
		ArgumentSource[] sources = new ArgumentSource[method.getParameterCount()];
		for (int i = 0; i < sources.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(this.parameterNames);
			sources[i] = argumentSource(info, parameter, candidates);
		}
		MethodParameter returnType = new MethodParameter(method, -1);
		ReturnKind returnKind = ReturnKind.VALUE;
		ReturnValueStrategy strategy = null;
		Class<?> type = returnType.getParameterType();
		if (type == void.class || type == Void.class) {
			returnKind = ReturnKind.NONE;
		}
		else {
			strategy = customReturnValueStrategy(returnType);
			if (strategy == null && CompletionStage.class.isAssignableFrom(type)) {
				returnKind = ReturnKind.ASYNC;
			}
			else if (strategy == null) {
				strategy = replyStrategy(info, type);
			}
		}
		return new InvocableHandlerMethod(info, methodHandle(info, bean), sources, returnKind, strategy, replyType);
	}

	private ArgumentSource argumentSource(PacketHandlerMethod info, MethodParameter parameter,
			List<PacketArgumentResolver> candidates) {
		for (PacketArgumentResolver resolver : candidates) {
			if (resolver.supportsParameter(parameter)) {
				if (resolver instanceof PreparedArgumentResolver prepared) {
					try {
						return prepared.prepare(parameter);
					}
					catch (RuntimeException ex) {
						throw new IllegalStateException(
								"Cannot resolve " + describe(parameter) + " of " + info.qualifiedName() + ": "
										+ ex.getMessage(), ex);
					}
				}
				return (packet, exception) -> resolver.resolveArgument(parameter, packet);
			}
		}
		throw new IllegalStateException("Cannot resolve " + describe(parameter) + " of " + info.qualifiedName()
				+ ": no PacketArgumentResolver supports it and no PayloadCodec decodes "
				+ parameter.getParameterType().getName()
				+ " (add a PayloadCodec or PacketArgumentResolver bean; Jackson on the classpath adds a JSON codec)");
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return "parameter [" + parameter.getParameterIndex() + "] " + parameter.getParameterType().getSimpleName()
				+ ((name != null) ? " " + name : "");
	}

	private @Nullable ReturnValueStrategy customReturnValueStrategy(MethodParameter returnType) {
		for (PacketReturnValueHandler handler : this.returnValueHandlers) {
			if (handler.supportsReturnType(returnType)) {
				return (value, packet) -> handler.handleReturnValue(value, returnType, packet);
			}
		}
		return null;
	}

	private ReturnValueStrategy replyStrategy(PacketHandlerMethod info, Class<?> type) {
		if (!isEncodable(type)) {
			throw new IllegalStateException("Cannot reply with the " + type.getName() + " returned by "
					+ info.qualifiedName() + ": no PayloadCodec encodes it (add a PayloadCodec or "
					+ "PacketReturnValueHandler bean; Jackson on the classpath adds a JSON codec)");
		}
		return (value, packet) -> packet.reply(value);
	}

	private boolean isEncodable(Class<?> type) {
		if (type == Object.class || type.isInterface() || Modifier.isAbstract(type.getModifiers())
				|| type == byte[].class || ByteBuf.class.isAssignableFrom(type)
				|| ByteBuffer.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type)) {
			return true;
		}
		try {
			this.encoder.codecFor(type);
			return true;
		}
		catch (PayloadCodecException ex) {
			return false;
		}
	}

	private static MethodHandle methodHandle(PacketHandlerMethod info, Object bean) {
		Method invocable = AopUtils.selectInvocableMethod(info.method(), bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		try {
			return MethodHandles.lookup()
				.unreflect(invocable)
				.bindTo(bean)
				.asSpreader(Object[].class, invocable.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot access " + info.qualifiedName() + ": " + ex.getMessage(), ex);
		}
	}

}
