package io.packnet.handler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.netty.buffer.ByteBuf;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.packnet.codec.MessageEncoder;
import io.packnet.handler.HandlerInvocationListener.Interceptor;
import io.packnet.handler.HandlerInvocationListener.Invocation;
import io.packnet.handler.HandlerInvocationListener.Recorder;
import io.packnet.handler.invocation.ExceptionHandlerMethodResolver;
import io.packnet.handler.invocation.HandlerMethodFactory;
import io.packnet.handler.invocation.InvocableHandlerMethod;
import io.packnet.handler.invocation.InvocableHandlerMethod.ReturnKind;
import io.packnet.handler.invocation.RouteTable;
import io.packnet.handler.invocation.SessionInbox;
import io.packnet.server.PacketDispatcher;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.stats.PacknetStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * The {@link PacketDispatcher} behind {@link PacketHandler @PacketHandler}: routes each frame by its
 * message type to a {@link PacketMapping @PacketMapping} method, invokes it on the event loop or
 * on an executor that keeps each session's frames in order, sends its return value back, and
 * applies {@link PacketExceptionHandler @PacketExceptionHandler} methods.
 * <p>In an application context, handler and advice beans are discovered once every singleton
 * exists (so handlers may depend on the server); elsewhere, {@link #registerHandler register} them
 * and call {@link #initialize()}. Everything is resolved then: a frame costs a route look-up in an
 * array or primitive map, argument sources prepared per parameter and a method handle call.
 */
public final class PacketHandlerDispatcher
		implements PacketDispatcher, ApplicationContextAware, SmartInitializingSingleton {

	/** Frames queued per session for an off-loop executor before the session stops being read. */
	public static final int DEFAULT_MAX_QUEUED_FRAMES = 1000;

	private static final Log logger = LogFactory.getLog(PacketHandlerDispatcher.class);

	private static final AttributeKey<SessionInbox> INBOX = AttributeKey.valueOf(PacketHandlerDispatcher.class,
			"inbox");

	/** Registration order of a bean's methods: stable, so the first of two duplicates is always the same. */
	private static final Comparator<Method> METHOD_ORDER = Comparator.comparing(Method::getName)
		.thenComparing(Method::toGenericString);

	private static final String INBOX_ATTRIBUTE = PacketHandlerDispatcher.class.getName() + ".inbox";

	private final MessageEncoder encoder;

	private final @Nullable PacketRouter router;

	/** Whether the router reads the encoder's own type field, which then precedes each payload. */
	private final boolean typePrefixed;

	private final UnmappedTypePolicy unmappedTypePolicy;

	private final HandlerErrorPolicy errorPolicy;

	private final @Nullable Executor executor;

	private final int maxQueuedFrames;

	private final HandlerMethodFactory factory;

	private final List<HandlerInvocationListener> listeners;

	private final PacknetStatistics statistics;

	private final PacketHandlerMappings mappings = new PacketHandlerMappings();

	private final Map<Long, Route> typedRoutes = new TreeMap<>();

	private @Nullable Route defaultRoute;

	private final List<Advice> advice = new ArrayList<>();

	private @Nullable ApplicationContext applicationContext;

	private volatile RouteTable<Route> routes = RouteTable.empty();

	private volatile List<ExceptionHandlerMethodResolver> adviceResolvers = List.of();

	private boolean initialized;

	private PacketHandlerDispatcher(Builder builder) {
		this.encoder = builder.encoder;
		this.router = (builder.router != null) ? builder.router
				: (this.encoder.typeField().isPresent() ? new TypeFieldRouter(this.encoder.typeField()) : null);
		this.typePrefixed = this.router instanceof TypeFieldRouter typeFieldRouter
				&& typeFieldRouter.typeField().equals(this.encoder.typeField());
		this.unmappedTypePolicy = builder.unmappedTypePolicy;
		this.errorPolicy = builder.errorPolicy;
		this.executor = builder.executor;
		this.maxQueuedFrames = builder.maxQueuedFrames;
		this.listeners = List.copyOf(builder.listeners);
		this.statistics = builder.statistics;
		this.factory = new HandlerMethodFactory(builder.argumentResolvers, builder.returnValueHandlers,
				this.encoder);
	}

	/**
	 * Starts building a dispatcher.
	 * @param encoder encodes replies and supplies the payload codecs; with a type field and no
	 * {@link Builder#router router}, frames are routed by that field
	 * @return a builder
	 */
	public static Builder builder(MessageEncoder encoder) {
		return new Builder(encoder);
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Discovers {@link PacketHandler @PacketHandler} and {@link PacketHandlerAdvice @PacketHandlerAdvice}
	 * beans and publishes the routes. Runs after every singleton exists and before the server starts.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ApplicationContext context = this.applicationContext;
		if (context != null) {
			for (String name : context.getBeanNamesForAnnotation(PacketHandlerAdvice.class)) {
				if (!ScopedProxyUtils.isScopedTarget(name)) {
					registerAdvice(name, context.getBean(name));
				}
			}
			for (String name : context.getBeanNamesForAnnotation(PacketHandler.class)) {
				if (!ScopedProxyUtils.isScopedTarget(name)) {
					registerHandler(name, context.getBean(name));
				}
			}
		}
		initialize();
	}

	/**
	 * Registers the {@link PacketMapping @PacketMapping} and
	 * {@link PacketExceptionHandler @PacketExceptionHandler} methods of a handler.
	 * @param beanName the name used in mappings and logs
	 * @param handler the handler (possibly a proxy)
	 * @throws IllegalStateException on a duplicate mapping (naming both methods), a parameter nothing
	 * resolves (naming the method and parameter), or a type the routing cannot carry
	 */
	public synchronized void registerHandler(String beanName, Object handler) {
		assertNotInitialized();
		Class<?> userType = AopProxyUtils.ultimateTargetClass(handler);
		Map<Method, PacketMapping> methods = MethodIntrospector.selectMethods(userType,
				(MethodIntrospector.MetadataLookup<PacketMapping>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, PacketMapping.class));
		if (methods.isEmpty()) {
			return;
		}
		ExceptionHandlerMethodResolver exceptionHandlers = ExceptionHandlerMethodResolver.detect(beanName, handler,
				userType, this.factory);
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(METHOD_ORDER))
			.forEach((entry) -> register(new PacketHandlerMethod(beanName, userType, entry.getKey()), handler,
					entry.getValue(), exceptionHandlers));
	}

	private void register(PacketHandlerMethod info, Object handler, PacketMapping mapping,
			ExceptionHandlerMethodResolver exceptionHandlers) {
		int[] types = mapping.value();
		if (types.length > 0 && this.router == null) {
			throw new IllegalStateException("@PacketMapping on " + info.qualifiedName() + " maps message types "
					+ typesText(types) + " but routing is off: set packnet.routing.type-field-size to 1, 2 or 4, "
					+ "or define a PacketRouter bean");
		}
		for (int type : types) {
			checkFits(info, type, "message type");
		}
		if (mapping.reply() != PacketMapping.SAME_TYPE) {
			checkFits(info, mapping.reply(), "reply type");
		}
		InvocableHandlerMethod method = this.factory.createHandlerMethod(info, handler, mapping.reply());
		Route route = new Route(method, exceptionHandlers, recorder(info), interceptor(info), mapping.reply());
		if (types.length == 0) {
			if (this.defaultRoute != null) {
				throw new IllegalStateException("Duplicate default @PacketMapping (no message type): "
						+ this.defaultRoute.method.info().qualifiedName() + " and " + info.qualifiedName());
			}
			this.defaultRoute = route;
		}
		for (int type : types) {
			Route existing = this.typedRoutes.putIfAbsent(Integer.toUnsignedLong(type), route);
			if (existing != null && existing != route) {
				throw new IllegalStateException("Duplicate @PacketMapping for message type "
						+ Integer.toUnsignedString(type) + ": " + existing.method.info().qualifiedName() + " and "
						+ info.qualifiedName());
			}
		}
	}

	private void checkFits(PacketHandlerMethod info, int type, String what) {
		if (this.router instanceof TypeFieldRouter typeFieldRouter) {
			long max = typeFieldRouter.typeField().maxType();
			int size = typeFieldRouter.typeField().size();
			if (size < 4 && (type < 0 || type > max)) {
				throw new IllegalStateException("The " + what + " " + type + " of " + info.qualifiedName()
						+ " does not fit packnet.routing.type-field-size=" + size + " (0 to " + max + ")");
			}
		}
	}

	private static String typesText(int[] types) {
		StringBuilder text = new StringBuilder();
		for (int type : types) {
			text.append((text.length() > 0) ? ", " : "").append(Integer.toUnsignedString(type));
		}
		return text.toString();
	}

	private @Nullable Recorder recorder(PacketHandlerMethod info) {
		List<Recorder> recorders = new ArrayList<>();
		for (HandlerInvocationListener listener : this.listeners) {
			Recorder recorder = listener.recorderFor(info);
			if (recorder != null) {
				recorders.add(recorder);
			}
		}
		if (recorders.isEmpty()) {
			return null;
		}
		if (recorders.size() == 1) {
			return recorders.get(0);
		}
		Recorder[] all = recorders.toArray(new Recorder[0]);
		return (type, nanos, failure) -> {
			for (Recorder recorder : all) {
				recorder.record(type, nanos, failure);
			}
		};
	}

	private @Nullable Interceptor interceptor(PacketHandlerMethod info) {
		List<Interceptor> interceptors = new ArrayList<>();
		for (HandlerInvocationListener listener : this.listeners) {
			Interceptor interceptor = listener.interceptorFor(info);
			if (interceptor != null) {
				interceptors.add(interceptor);
			}
		}
		if (interceptors.isEmpty()) {
			return null;
		}
		if (interceptors.size() == 1) {
			return interceptors.get(0);
		}
		Interceptor[] all = interceptors.toArray(new Interceptor[0]);
		return (session, type) -> {
			Invocation[] invocations = new Invocation[all.length];
			for (int i = 0; i < all.length; i++) {
				invocations[i] = all[i].begin(session, type);
			}
			// nested like scopes: the first to begin is the last to detach and end
			return new Invocation() {

				@Override
				public void detach() {
					for (int i = invocations.length - 1; i >= 0; i--) {
						invocations[i].detach();
					}
				}

				@Override
				public void end(@Nullable Throwable failure) {
					for (int i = invocations.length - 1; i >= 0; i--) {
						invocations[i].end(failure);
					}
				}

			};
		};
	}

	/**
	 * Registers the {@link PacketExceptionHandler @PacketExceptionHandler} methods of an advice bean,
	 * which apply to every handler after its own. Advice is consulted in {@code @Order}.
	 * @param beanName the name used in logs
	 * @param advice the advice bean
	 */
	public synchronized void registerAdvice(String beanName, Object advice) {
		assertNotInitialized();
		Class<?> userType = AopProxyUtils.ultimateTargetClass(advice);
		ExceptionHandlerMethodResolver resolver = ExceptionHandlerMethodResolver.detect(beanName, advice, userType,
				this.factory);
		if (!resolver.isEmpty()) {
			this.advice.add(new Advice(advice, resolver));
		}
	}

	/**
	 * Publishes the registered routes; frames that arrive before are treated as unmapped.
	 */
	public synchronized void initialize() {
		if (this.initialized) {
			return;
		}
		this.initialized = true;
		Map<Integer, Route> byType = new LinkedHashMap<>();
		List<PacketHandlerMappings.Mapping> list = new ArrayList<>();
		this.typedRoutes.forEach((type, route) -> {
			byType.put(type.intValue(), route);
			list.add(new PacketHandlerMappings.Mapping(type, replyTypeOf(route), route.method.info()));
		});
		if (this.defaultRoute != null) {
			list.add(new PacketHandlerMappings.Mapping(null, replyTypeOf(this.defaultRoute),
					this.defaultRoute.method.info()));
		}
		List<Advice> sortedAdvice = new ArrayList<>(this.advice);
		sortedAdvice.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.bean(), b.bean()));
		this.adviceResolvers = sortedAdvice.stream().map(Advice::resolver).toList();
		this.mappings.update(list, routingDescription());
		this.routes = RouteTable.of(byType, this.defaultRoute);
		if (logger.isDebugEnabled()) {
			list.forEach((mapping) -> logger.debug("Mapped " + mapping));
		}
		if (list.isEmpty()) {
			boolean close = this.unmappedTypePolicy == UnmappedTypePolicy.CLOSE;
			logger.debug("No @PacketMapping methods found: every inbound frame is unmapped and "
					+ (close ? "closes its session" : "dropped"));
		}
	}

	private static @Nullable Long replyTypeOf(Route route) {
		return (route.replyType != PacketMapping.SAME_TYPE) ? Integer.toUnsignedLong(route.replyType) : null;
	}

	private String routingDescription() {
		PacketRouter router = this.router;
		if (router == null) {
			return "off";
		}
		return (router instanceof TypeFieldRouter) ? router.toString() : "PacketRouter " + router.getClass().getName();
	}

	private void assertNotInitialized() {
		if (this.initialized) {
			throw new IllegalStateException("Handlers must be registered before the dispatcher is initialized");
		}
	}

	/**
	 * Returns the routes, for the actuator endpoint.
	 * @return the mappings (empty until initialized)
	 */
	public PacketHandlerMappings mappings() {
		return this.mappings;
	}

	/**
	 * Returns how frames are routed.
	 * @return the router, or {@code null} when routing is off
	 */
	public @Nullable PacketRouter router() {
		return this.router;
	}

	@Override
	public void dispatch(Session session, ByteBuf frame) {
		int type = 0;
		PacketRouter router = this.router;
		if (router != null) {
			try {
				type = router.route(session, frame);
			}
			catch (RuntimeException ex) {
				invalidPacket(session, ex);
				return;
			}
		}
		Route route = this.routes.lookup(type);
		if (route == null) {
			unmapped(session, type);
			return;
		}
		InboundPacket packet = new InboundPacket(session, type, frame,
				(route.replyType != PacketMapping.SAME_TYPE) ? route.replyType : type, this.encoder,
				this.typePrefixed);
		Executor executor = this.executor;
		if (executor == null) {
			handle(route, packet);
			return;
		}
		frame.retain();
		inbox(session, executor).offer(new QueuedPacket(route, packet));
	}

	private SessionInbox inbox(Session session, Executor executor) {
		if (session instanceof ChannelSession channelSession) {
			// only the session's event loop dispatches, so get-then-set cannot race
			Attribute<SessionInbox> attribute = channelSession.channel().attr(INBOX);
			SessionInbox inbox = attribute.get();
			if (inbox == null) {
				inbox = new SessionInbox(executor, this.maxQueuedFrames, channelSession.channel());
				attribute.set(inbox);
			}
			return inbox;
		}
		return (SessionInbox) session.attributes()
			.computeIfAbsent(INBOX_ATTRIBUTE, (key) -> new SessionInbox(executor, this.maxQueuedFrames, null));
	}

	private void handle(Route route, InboundPacket packet) {
		Recorder recorder = route.recorder;
		Interceptor interceptor = route.interceptor;
		Invocation invocation = (interceptor != null) ? interceptor.begin(packet.session(), packet.type()) : null;
		long start = (recorder != null) ? System.nanoTime() : 0L;
		InvocableHandlerMethod method = route.method;
		Throwable failure = null;
		CompletionStage<?> pending = null;
		try {
			Object result = method.invoke(packet, null);
			if (result != null) {
				if (method.returnKind() == ReturnKind.ASYNC) {
					pending = (CompletionStage<?>) result;
				}
				else {
					method.handleReturnValue(result, packet);
				}
			}
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			failure = ex;
			handleException(route, packet, ex);
		}
		finally {
			if (invocation != null) {
				invocation.detach();
			}
		}
		if (pending != null) {
			replyOnCompletion(route, packet.withoutPayload(), pending, start, invocation);
			return;
		}
		if (recorder != null) {
			recorder.record(packet.type(), System.nanoTime() - start, failure);
		}
		if (invocation != null) {
			invocation.end(failure);
		}
	}

	private void replyOnCompletion(Route route, InboundPacket packet, CompletionStage<?> stage, long start,
			@Nullable Invocation invocation) {
		stage.whenComplete((value, error) -> {
			Throwable failure = (error != null) ? unwrap(error) : null;
			if (failure == null && value != null) {
				try {
					packet.reply(value);
				}
				catch (Throwable ex) {
					rethrowIfFatal(ex);
					failure = ex;
				}
			}
			if (failure != null) {
				handleException(route, packet, failure);
			}
			Recorder recorder = route.recorder;
			if (recorder != null) {
				recorder.record(packet.type(), System.nanoTime() - start, failure);
			}
			if (invocation != null) {
				invocation.end(failure);
			}
		});
	}

	private void handleException(Route route, InboundPacket packet, Throwable exception) {
		InvocableHandlerMethod handler = route.exceptionHandlers.resolve(exception);
		if (handler == null) {
			for (ExceptionHandlerMethodResolver resolver : this.adviceResolvers) {
				handler = resolver.resolve(exception);
				if (handler != null) {
					break;
				}
			}
		}
		if (handler == null) {
			unhandled(route, packet, exception);
			return;
		}
		InboundPacket target = (handler.replyType() != PacketMapping.SAME_TYPE)
				? packet.withReplyType(handler.replyType()) : packet;
		try {
			Object result = handler.invoke(target, exception);
			if (result == null) {
				return;
			}
			if (handler.returnKind() == ReturnKind.ASYNC) {
				InboundPacket detached = target.withoutPayload();
				((CompletionStage<?>) result).whenComplete((value, error) -> {
					try {
						if (error != null) {
							unhandled(route, detached, unwrap(error));
						}
						else if (value != null) {
							detached.reply(value);
						}
					}
					catch (RuntimeException ex) {
						unhandled(route, detached, ex);
					}
				});
				return;
			}
			handler.handleReturnValue(result, target);
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			if (ex != exception) {
				ex.addSuppressed(exception);
			}
			logger.error("Exception handler " + handler + " failed", ex);
			unhandled(route, packet, ex);
		}
	}

	private void unhandled(Route route, InboundPacket packet, Throwable exception) {
		Session session = packet.session();
		String message = "Handler " + route.method + " failed on session " + session.id()
				+ ((this.router != null) ? " (message type " + Integer.toUnsignedString(packet.type()) + ")" : "");
		if (this.errorPolicy == HandlerErrorPolicy.CLOSE) {
			logger.error(message + "; closing the session (packnet.handler.on-error=close)", exception);
			close(session, CloseReason.HANDLER_ERROR, exception);
		}
		else {
			logger.error(message, exception);
		}
	}

	private void invalidPacket(Session session, RuntimeException ex) {
		if (close(session, CloseReason.PROTOCOL_ERROR, ex)) {
			logger.warn("Closing session " + session.id() + " from " + session.remoteAddress() + ": PROTOCOL_ERROR ("
					+ ((ex instanceof InvalidPacketException) ? ex.getMessage() : "routing failed: " + ex) + ")");
		}
	}

	private void unmapped(Session session, int type) {
		this.statistics.frameDroppedUnmapped();
		if (this.unmappedTypePolicy == UnmappedTypePolicy.CLOSE) {
			if (close(session, CloseReason.UNMAPPED_TYPE, null)) {
				logger.warn("Closing session " + session.id() + " from " + session.remoteAddress()
						+ ": UNMAPPED_TYPE (no @PacketMapping for message type " + Integer.toUnsignedString(type)
						+ "; packnet.routing.unmapped=close)");
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Dropped a frame of unmapped message type " + Integer.toUnsignedString(type) + " on session "
					+ session.id());
		}
	}

	private static boolean close(Session session, CloseReason reason, @Nullable Throwable cause) {
		if (session instanceof ChannelSession channelSession) {
			return channelSession.close(reason, cause);
		}
		boolean open = session.closeReason() == null;
		session.close();
		return open;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	/**
	 * A mapped method and what goes with it: its bean's exception handlers, its recorder and
	 * interceptor, its reply type.
	 */
	private record Route(InvocableHandlerMethod method, ExceptionHandlerMethodResolver exceptionHandlers,
			@Nullable Recorder recorder, @Nullable Interceptor interceptor, int replyType) {
	}

	private record Advice(Object bean, ExceptionHandlerMethodResolver resolver) {
	}

	/** A frame waiting in its session's inbox; holds one reference to the payload. */
	private final class QueuedPacket implements SessionInbox.Task {

		private final Route route;

		private final InboundPacket packet;

		QueuedPacket(Route route, InboundPacket packet) {
			this.route = route;
			this.packet = packet;
		}

		@Override
		public void run() {
			try {
				// frames received before the peer left are still handled; after the server closed it, not
				CloseReason reason = this.packet.session().closeReason();
				if (reason == null || reason == CloseReason.PEER_CLOSED) {
					handle(this.route, this.packet);
				}
			}
			finally {
				this.packet.payload().release();
			}
		}

		@Override
		public void discard() {
			this.packet.payload().release();
		}

	}

	/**
	 * Builds a {@link PacketHandlerDispatcher}.
	 */
	public static final class Builder {

		private final MessageEncoder encoder;

		private @Nullable PacketRouter router;

		private UnmappedTypePolicy unmappedTypePolicy = UnmappedTypePolicy.IGNORE;

		private HandlerErrorPolicy errorPolicy = HandlerErrorPolicy.LOG;

		private @Nullable Executor executor;

		private int maxQueuedFrames = DEFAULT_MAX_QUEUED_FRAMES;

		private List<PacketArgumentResolver> argumentResolvers = List.of();

		private List<PacketReturnValueHandler> returnValueHandlers = List.of();

		private List<HandlerInvocationListener> listeners = List.of();

		private PacknetStatistics statistics = new PacknetStatistics();

		private Builder(MessageEncoder encoder) {
			this.encoder = Objects.requireNonNull(encoder, "encoder");
		}

		/**
		 * Routes frames with a custom router instead of the encoder's type field.
		 * @param router the router
		 * @return this builder
		 */
		public Builder router(PacketRouter router) {
			this.router = Objects.requireNonNull(router, "router");
			return this;
		}

		/**
		 * Sets what an unmapped frame does (default: ignore and count).
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder unmappedTypePolicy(UnmappedTypePolicy policy) {
			this.unmappedTypePolicy = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * Sets what an unhandled handler exception does (default: log).
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder errorPolicy(HandlerErrorPolicy policy) {
			this.errorPolicy = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * Runs handlers on an executor instead of the event loop, one frame at a time per session.
		 * @param executor the executor
		 * @param maxQueuedFrames frames queued per session above which the session stops being read
		 * @return this builder
		 */
		public Builder executor(Executor executor, int maxQueuedFrames) {
			if (maxQueuedFrames < 1) {
				throw new IllegalArgumentException("maxQueuedFrames must be positive but was " + maxQueuedFrames);
			}
			this.executor = Objects.requireNonNull(executor, "executor");
			this.maxQueuedFrames = maxQueuedFrames;
			return this;
		}

		/**
		 * Adds the application's argument resolvers, consulted before the payload.
		 * @param resolvers the resolvers, in order
		 * @return this builder
		 */
		public Builder argumentResolvers(List<? extends PacketArgumentResolver> resolvers) {
			this.argumentResolvers = List.copyOf(resolvers);
			return this;
		}

		/**
		 * Adds the application's return value handlers, consulted before the built-in handling.
		 * @param handlers the handlers, in order
		 * @return this builder
		 */
		public Builder returnValueHandlers(List<? extends PacketReturnValueHandler> handlers) {
			this.returnValueHandlers = List.copyOf(handlers);
			return this;
		}

		/**
		 * Adds invocation listeners (timings, error counts).
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder invocationListeners(List<? extends HandlerInvocationListener> listeners) {
			this.listeners = List.copyOf(listeners);
			return this;
		}

		/**
		 * Sets the counters that unmapped frames are counted in.
		 * @param statistics the counters
		 * @return this builder
		 */
		public Builder statistics(PacknetStatistics statistics) {
			this.statistics = Objects.requireNonNull(statistics, "statistics");
			return this;
		}

		/**
		 * Builds the dispatcher.
		 * @return the dispatcher, with no handlers registered yet
		 */
		public PacketHandlerDispatcher build() {
			return new PacketHandlerDispatcher(this);
		}

	}

}
