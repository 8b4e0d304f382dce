package io.packnet.handler;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.packnet.codec.MessageEncoder;
import io.packnet.codec.TypeField;
import io.packnet.handler.HandlerInvocationListener.Interceptor;
import io.packnet.handler.HandlerInvocationListener.Invocation;
import io.packnet.support.EmbeddedSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link Interceptor} contract: begun on the invoking thread, detached when the method has
 * returned, ended when the invocation finished (a returned stage included), nested like scopes.
 */
class HandlerInvocationInterceptorTests {

	private static final MessageEncoder TYPED = new MessageEncoder(new TypeField(1, ByteOrder.BIG_ENDIAN), List.of());

	private final EmbeddedSession session = new EmbeddedSession(TYPED);

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler(this.events);

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void shouldDetachAfterTheReplyAndThenEndWhenTheHandlerReturns() {
		PacketHandlerDispatcher dispatcher = dispatcher(recording("a"));
		this.session.dispatch(dispatcher, frame(1, "hi"));
		assertThat(this.session.nextReply()).isEqualTo(frame(1, "hi"));
		assertThat(this.events).containsExactly("a begin handler#echo 1", "invoke", "a detach", "a end ok");
	}

	@Test
	void shouldEndWithTheFailureWhenTheHandlerThrows() {
		PacketHandlerDispatcher dispatcher = dispatcher(recording("a"));
		this.session.dispatch(dispatcher, frame(2, ""));
		assertThat(this.events).containsExactly("a begin handler#fail 2", "invoke", "a detach",
				"a end IllegalStateException");
	}

	@Test
	void shouldDetachAtOnceAndEndWhenTheReturnedStageCompletes() {
		PacketHandlerDispatcher dispatcher = dispatcher(recording("a"));
		this.session.dispatch(dispatcher, frame(3, ""));
		assertThat(this.events).containsExactly("a begin handler#later 3", "invoke", "a detach");
		this.handler.pending.complete("done");
		assertThat(this.session.nextReply()).isEqualTo(frame(3, "done"));
		assertThat(this.events).endsWith("a end ok");
	}

	@Test
	void shouldNestSeveralInterceptorsLikeScopes() {
		PacketHandlerDispatcher dispatcher = dispatcher(recording("a"), recording("b"));
		this.session.dispatch(dispatcher, frame(1, "x"));
		assertThat(this.events).containsExactly("a begin handler#echo 1", "b begin handler#echo 1", "invoke",
				"b detach", "a detach", "b end ok", "a end ok");
	}

	@Test
	void shouldNotInterceptMethodsTheListenerDeclines() {
		HandlerInvocationListener declining = new HandlerInvocationListener() {

			@Override
			public HandlerInvocationListener.@Nullable Recorder recorderFor(PacketHandlerMethod method) {
				return null;
			}

			@Override
			public @Nullable Interceptor interceptorFor(PacketHandlerMethod method) {
				return method.method().getName().equals("echo") ? null : recording("a").interceptorFor(method);
			}

		};
		PacketHandlerDispatcher dispatcher = dispatcher(declining);
		this.session.dispatch(dispatcher, frame(1, "x"));
		this.session.dispatch(dispatcher, frame(2, ""));
		assertThat(this.events).containsExactly("invoke", "a begin handler#fail 2", "invoke", "a detach",
				"a end IllegalStateException");
	}

	private static byte[] frame(int type, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[body.length + 1];
		frame[0] = (byte) type;
		System.arraycopy(body, 0, frame, 1, body.length);
		return frame;
	}

	private PacketHandlerDispatcher dispatcher(HandlerInvocationListener... listeners) {
		PacketHandlerDispatcher dispatcher = PacketHandlerDispatcher.builder(TYPED)
			.invocationListeners(List.of(listeners))
			.build();
		dispatcher.registerHandler("handler", this.handler);
		dispatcher.initialize();
		return dispatcher;
	}

	private HandlerInvocationListener recording(String name) {
		return new HandlerInvocationListener() {

			@Override
			public HandlerInvocationListener.@Nullable Recorder recorderFor(PacketHandlerMethod method) {
				return null;
			}

			@Override
			public Interceptor interceptorFor(PacketHandlerMethod method) {
				String handlerName = method.beanName() + "#" + method.method().getName();
				return (session, type) -> {
					HandlerInvocationInterceptorTests.this.events.add(name + " begin " + handlerName + " " + type);
					return new Invocation() {

						@Override
						public void detach() {
							HandlerInvocationInterceptorTests.this.events.add(name + " detach");
						}

						@Override
						public void end(@Nullable Throwable failure) {
							HandlerInvocationInterceptorTests.this.events
								.add(name + " end " + ((failure != null) ? failure.getClass().getSimpleName() : "ok"));
						}

					};
				};
			}

		};
	}

	static class Handler {

		final CompletableFuture<String> pending = new CompletableFuture<>();

		private final List<String> events;

		Handler(List<String> events) {
			this.events = events;
		}

		@PacketMapping(1)
		String echo(String text) {
			this.events.add("invoke");
			return text;
		}

		@PacketMapping(2)
		void fail() {
			this.events.add("invoke");
			throw new IllegalStateException("failing on purpose");
		}

		@PacketMapping(3)
		CompletableFuture<String> later() {
			this.events.add("invoke");
			return this.pending;
		}

	}

}
