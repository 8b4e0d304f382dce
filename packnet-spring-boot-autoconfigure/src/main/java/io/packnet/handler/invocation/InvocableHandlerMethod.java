package io.packnet.handler.invocation;

import java.lang.invoke.MethodHandle;

import io.packnet.handler.InboundPacket;
import io.packnet.handler.PacketHandlerMethod;
import org.jspecify.annotations.Nullable;

/**
 * A handler or exception handler method ready to call: a method handle bound to the bean, one
 * {@link ArgumentSource} per parameter and the return value handling, all chosen at startup. A call
 * allocates the argument array and nothing else of its own.
 */
public final class InvocableHandlerMethod {

	private static final Object[] NO_ARGUMENTS = {};

	private final PacketHandlerMethod info;

	private final MethodHandle handle;

	private final ArgumentSource[] sources;

	private final ReturnKind returnKind;

	private final @Nullable ReturnValueStrategy returnValueStrategy;

	private final int replyType;

	InvocableHandlerMethod(PacketHandlerMethod info, MethodHandle handle, ArgumentSource[] sources,
			ReturnKind returnKind, @Nullable ReturnValueStrategy returnValueStrategy, int replyType) {
		this.info = info;
		this.handle = handle;
		this.sources = sources;
		this.returnKind = returnKind;
		this.returnValueStrategy = returnValueStrategy;
		this.replyType = replyType;
	}

	/**
	 * Returns the method this invokes.
	 * @return the method's identity
	 */
	public PacketHandlerMethod info() {
		return this.info;
	}

	/**
	 * Returns the reply type declared on the method's annotation.
	 * @return the reply type, or {@link io.packnet.handler.PacketMapping#SAME_TYPE}
	 */
	public int replyType() {
		return this.replyType;
	}

	/**
	 * Returns how the method's return value is handled.
	 * @return the return kind
	 */
	public ReturnKind returnKind() {
		return this.returnKind;
	}

	/**
	 * Resolves the arguments and calls the method.
	 * @param packet the packet
	 * @param exception the exception being handled (exception handler methods), else {@code null}
	 * @return what the method returned ({@code null} for {@code void})
	 * @throws Throwable what an argument source or the method threw, unwrapped
	 */
	public @Nullable Object invoke(InboundPacket packet, @Nullable Throwable exception) throws Throwable {
		ArgumentSource[] sources = this.sources;
		Object[] args = (sources.length != 0) ? new Object[sources.length] : NO_ARGUMENTS;
		for (int i = 0; i < sources.length; i++) {
			args[i] = sources[i].get(packet, exception);
		}
		return (Object) this.handle.invokeExact(args);
	}

	/**
	 * Handles a non-null return value of {@link ReturnKind#VALUE} methods: a custom
	 * {@link io.packnet.handler.PacketReturnValueHandler} or a reply.
	 * @param returnValue the value
	 * @param packet the packet that was handled
	 * @throws Exception if handling fails
	 */
	public void handleReturnValue(Object returnValue, InboundPacket packet) throws Exception {
		if (this.returnValueStrategy != null) {
			this.returnValueStrategy.handle(returnValue, packet);
		}
	}

	@Override
	public String toString() {
		return this.info.description();
	}

	/** How a method's return value is treated, decided at startup from its declared type. */
	public enum ReturnKind {

		/** {@code void}: nothing to send. */
		NONE,

		/** A value, sent as a reply or given to a custom return value handler. */
		VALUE,

		/** A {@code CompletionStage}: its value is sent as a reply when it completes. */
		ASYNC

	}

	/** What to do with a return value; bound once per method. */
	@FunctionalInterface
	interface ReturnValueStrategy {

		void handle(Object returnValue, InboundPacket packet) throws Exception;

	}

}
