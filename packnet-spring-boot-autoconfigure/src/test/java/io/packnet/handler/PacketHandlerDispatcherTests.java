package io.packnet.handler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.packnet.codec.JsonPayloadCodec;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.TypeField;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.EmbeddedSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The invocation machinery without a Spring context: routing, every argument and return kind,
 * exception handlers, error and unmapped policies, and startup validation.
 */
class PacketHandlerDispatcherTests {

	private static final MessageEncoder TYPED = new MessageEncoder(new TypeField(1, ByteOrder.BIG_ENDIAN),
			List.of(new JsonPayloadCodec(JsonMapper.shared())));

	private final List<EmbeddedSession> sessions = new ArrayList<>();

	@AfterEach
	void closeSessions() {
		this.sessions.forEach(EmbeddedSession::close);
	}

	private EmbeddedSession session(MessageEncoder encoder) {
		EmbeddedSession session = new EmbeddedSession(encoder);
		this.sessions.add(session);
		return session;
	}

	private static PacketHandlerDispatcher dispatcher(Object... handlers) {
		return dispatcher(PacketHandlerDispatcher.builder(TYPED), handlers);
	}

	private static PacketHandlerDispatcher dispatcher(PacketHandlerDispatcher.Builder builder, Object... handlers) {
		PacketHandlerDispatcher dispatcher = builder.build();
		for (Object handler : handlers) {
			String name = Character.toLowerCase(handler.getClass().getSimpleName().charAt(0))
					+ handler.getClass().getSimpleName().substring(1);
			if (handler.getClass().isAnnotationPresent(PacketHandlerAdvice.class)) {
				dispatcher.registerAdvice(name, handler);
			}
			else {
				dispatcher.registerHandler(name, handler);
			}
		}
		dispatcher.initialize();
		return dispatcher;
	}

	private static byte[] frame(int type, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[body.length + 1];
		frame[0] = (byte) type;
		System.arraycopy(body, 0, frame, 1, body.length);
		return frame;
	}

	private static String text(byte[] reply) {
		return new String(reply, StandardCharsets.UTF_8);
	}

	@Test
	void shouldRouteByTypeFieldAndReplyWithTheSameTypeWhenAStringIsReturned() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new ArgumentHandler());
		session.dispatch(dispatcher, frame(1, "héllo"));
		assertThat(session.nextReply()).isEqualTo(frame(1, "text:héllo"));
	}

	@Test
	void shouldResolveBytesByteBufferAndByteBufPayloadsWhenDeclared() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new ArgumentHandler());
		session.dispatch(dispatcher, frame(2, "abc"));
		assertThat(session.nextReply()).isEqualTo(frame(2, "cba"));
		session.dispatch(dispatcher, frame(3, "abcd"));
		assertThat(session.nextReply()).isEqualTo(frame(3, "remaining:4"));
		session.dispatch(dispatcher, frame(4, "echo"));
		assertThat(session.nextReply()).isEqualTo(frame(4, "echo"));
	}

	@Test
	void shouldDecodeAndEncodeRecordsThroughTheCodecWhenTheTypeIsNotRaw() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new ArgumentHandler());
		session.dispatch(dispatcher, frame(5, "{\"name\":\"ada\",\"age\":36}"));
		assertThat(text(session.nextReply())).startsWith("\u0005").contains("\"name\":\"ADA\"").contains("\"age\":37");
	}

	@Test
	void shouldPassTheTypeSessionAndAttributesWhenAnnotated() {
		EmbeddedSession session = session(TYPED);
		session.session.attributes().put("user", "grace");
		PacketHandlerDispatcher dispatcher = dispatcher(new ArgumentHandler());
		session.dispatch(dispatcher, frame(200, "x"));
		assertThat(session.nextReply()).isEqualTo(frame(201, "type=200/200 user=grace missing=null same=true"));
	}

	@Test
	void shouldFailTheCallWhenARequiredSessionAttributeIsMissing() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(TYPED).errorPolicy(HandlerErrorPolicy.CLOSE), new ArgumentHandler());
		session.dispatch(dispatcher, frame(200, "x"));
		assertThat(session.session.closeReason()).isEqualTo(CloseReason.HANDLER_ERROR);
		assertThat(session.session.closeCause()).hasMessageContaining("no attribute 'user'");
	}

	@Test
	void shouldSendNothingWhenVoidOrNullIsReturned() {
		EmbeddedSession session = session(TYPED);
		ReturnHandler handler = new ReturnHandler();
		PacketHandlerDispatcher dispatcher = dispatcher(handler);
		session.dispatch(dispatcher, frame(1, ""));
		session.dispatch(dispatcher, frame(2, ""));
		assertThat(session.replies()).isEmpty();
		assertThat(handler.calls).containsExactly("void", "null");
	}

	@Test
	void shouldReplyWithTheDeclaredTypeWhenReplyIsSet() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new ReturnHandler());
		session.dispatch(dispatcher, frame(3, ""));
		assertThat(session.nextReply()).isEqualTo(frame(99, "other"));
	}

	@Test
	void shouldReplyWhenACompletionStageCompletesLater() {
		EmbeddedSession session = session(TYPED);
		ReturnHandler handler = new ReturnHandler();
		PacketHandlerDispatcher dispatcher = dispatcher(handler);
		session.dispatch(dispatcher, frame(4, ""));
		assertThat(session.replies()).isEmpty();
		handler.pending.complete("later");
		assertThat(session.nextReply()).isEqualTo(frame(4, "later"));
	}

	@Test
	void shouldHandleAFailedCompletionStageWithTheExceptionHandlers() {
		EmbeddedSession session = session(TYPED);
		ReturnHandler handler = new ReturnHandler();
		PacketHandlerDispatcher dispatcher = dispatcher(handler);
		session.dispatch(dispatcher, frame(4, ""));
		handler.pending.completeExceptionally(new IllegalArgumentException("late failure"));
		assertThat(session.nextReply()).isEqualTo(frame(4, "handled late failure"));
	}

	@Test
	void shouldUseTheDefaultRouteWhenNoTypeMatches() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new DefaultRouteHandler());
		session.dispatch(dispatcher, frame(1, "mapped"));
		session.dispatch(dispatcher, frame(77, "other"));
		assertThat(session.replies()).map(PacketHandlerDispatcherTests::text)
			.containsExactly("\u0001one:mapped", "Mdefault:77:other");
	}

	@Test
	void shouldRouteEveryFrameToTheDefaultRouteWhenRoutingIsOff() {
		EmbeddedSession session = session(MessageEncoder.plain());
		PacketHandlerDispatcher dispatcher = dispatcher(PacketHandlerDispatcher.builder(MessageEncoder.plain()),
				new UntypedHandler());
		session.dispatch(dispatcher, "one".getBytes(StandardCharsets.UTF_8));
		session.dispatch(dispatcher, "\u0001two".getBytes(StandardCharsets.UTF_8));
		assertThat(session.replies()).map(PacketHandlerDispatcherTests::text)
			.containsExactly("got one", "got \u0001two");
		assertThat(dispatcher.mappings().routing()).isEqualTo("off");
	}

	@Test
	void shouldRouteWithTheUsersRouterWhenOneIsGiven() {
		EmbeddedSession session = session(MessageEncoder.plain());
		PacketRouter prefixRouter = (s, payload) -> {
			int colon = payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) ':');
			String command = payload.readCharSequence(colon - payload.readerIndex(), StandardCharsets.UTF_8)
				.toString();
			payload.skipBytes(1);
			return command.equals("add") ? 1 : 2;
		};
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(MessageEncoder.plain()).router(prefixRouter),
				new DefaultRouteHandler());
		session.dispatch(dispatcher, "add:x".getBytes(StandardCharsets.UTF_8));
		assertThat(session.nextReply()).isEqualTo("one:x".getBytes(StandardCharsets.UTF_8));
		assertThat(dispatcher.mappings().routing()).startsWith("PacketRouter ");
	}

	@Test
	void shouldCountAndDropUnmappedFramesWhenPolicyIsIgnore() {
		EmbeddedSession session = session(TYPED);
		PacknetStatistics statistics = new PacknetStatistics();
		PacketHandlerDispatcher dispatcher = dispatcher(PacketHandlerDispatcher.builder(TYPED).statistics(statistics),
				new ReturnHandler());
		session.dispatch(dispatcher, frame(42, "x"));
		assertThat(statistics.framesDroppedUnmapped()).isEqualTo(1);
		assertThat(session.session.isOpen()).isTrue();
	}

	@Test
	void shouldCloseTheSessionWhenAnUnmappedTypeArrivesAndPolicyIsClose() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(TYPED).unmappedTypePolicy(UnmappedTypePolicy.CLOSE),
				new ReturnHandler());
		session.dispatch(dispatcher, frame(42, "x"));
		assertThat(session.session.closeReason()).isEqualTo(CloseReason.UNMAPPED_TYPE);
	}

	@Test
	void shouldCloseAsProtocolErrorWhenAFrameIsShorterThanTheTypeField() {
		MessageEncoder twoBytes = new MessageEncoder(new TypeField(2, ByteOrder.BIG_ENDIAN), List.of());
		EmbeddedSession session = session(twoBytes);
		PacketHandlerDispatcher dispatcher = dispatcher(PacketHandlerDispatcher.builder(twoBytes),
				new DefaultRouteHandler());
		session.dispatch(dispatcher, (byte) 1);
		assertThat(session.session.closeReason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
		assertThat(session.session.closeCause()).isInstanceOf(InvalidPacketException.class)
			.hasMessageContaining("shorter than the 2-byte type field");
	}

	@Test
	void shouldReplyFromTheClosestExceptionHandlerWhenAHandlerThrows() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new FailingHandler(), new SharedAdvice());
		session.dispatch(dispatcher, frame(1, ""));
		session.dispatch(dispatcher, frame(2, ""));
		session.dispatch(dispatcher, frame(3, ""));
		assertThat(session.replies()).containsExactly(frame(1, "local IAE bad argument on 1"),
				frame(255, "advice ISE wrapped"), frame(3, "local by cause"));
		assertThat(session.session.isOpen()).isTrue();
	}

	@Test
	void shouldKeepTheSessionOpenWhenAnExceptionIsUnhandledAndPolicyIsLog() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new FailingHandler());
		session.dispatch(dispatcher, frame(4, ""));
		assertThat(session.session.isOpen()).isTrue();
		assertThat(session.replies()).isEmpty();
	}

	@Test
	void shouldCloseWithHandlerErrorWhenAnExceptionIsUnhandledAndPolicyIsClose() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(TYPED).errorPolicy(HandlerErrorPolicy.CLOSE), new FailingHandler());
		session.dispatch(dispatcher, frame(4, ""));
		assertThat(session.session.closeReason()).isEqualTo(CloseReason.HANDLER_ERROR);
		assertThat(session.session.closeCause()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldTreatAFailingExceptionHandlerAsUnhandled() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(TYPED).errorPolicy(HandlerErrorPolicy.CLOSE),
				new FailingExceptionHandler());
		session.dispatch(dispatcher, frame(1, ""));
		assertThat(session.session.closeReason()).isEqualTo(CloseReason.HANDLER_ERROR);
		assertThat(session.session.closeCause()).hasMessage("handler failed too");
		assertThat(session.session.closeCause().getSuppressed()).hasSize(1);
	}

	@Test
	void shouldUseCustomResolversAndReturnValueHandlersWhenGiven() {
		EmbeddedSession session = session(TYPED);
		PacketArgumentResolver remote = new PacketArgumentResolver() {
			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Remote.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, InboundPacket packet) {
				return new Remote("session-" + packet.session().id());
			}
		};
		PacketReturnValueHandler shout = new PacketReturnValueHandler() {
			@Override
			public boolean supportsReturnType(MethodParameter returnType) {
				return returnType.getParameterType() == Shout.class;
			}

			@Override
			public void handleReturnValue(Object returnValue, MethodParameter returnType, InboundPacket packet) {
				packet.reply(((Shout) returnValue).text().toUpperCase());
			}
		};
		PacketHandlerDispatcher dispatcher = dispatcher(PacketHandlerDispatcher.builder(TYPED)
			.argumentResolvers(List.of(remote))
			.returnValueHandlers(List.of(shout)), new CustomHandler());
		session.dispatch(dispatcher, frame(1, ""));
		assertThat(session.nextReply()).isEqualTo(frame(1, "HI SESSION-1"));
	}

	@Test
	void shouldRecordEveryInvocationWhenAListenerIsGiven() {
		EmbeddedSession session = session(TYPED);
		List<String> records = new ArrayList<>();
		HandlerInvocationListener listener = (method) -> (type, nanos, failure) -> records
			.add(method.description() + " " + type + " " + (nanos >= 0) + " "
					+ ((failure != null) ? failure.getClass().getSimpleName() : "ok"));
		PacketHandlerDispatcher dispatcher = dispatcher(
				PacketHandlerDispatcher.builder(TYPED).invocationListeners(List.of(listener)), new FailingHandler());
		session.dispatch(dispatcher, frame(1, ""));
		session.dispatch(dispatcher, frame(5, ""));
		assertThat(records).containsExactly("failingHandler#illegalArgument(int) 1 true IllegalArgumentException",
				"failingHandler#fine() 5 true ok");
	}

	@Test
	void shouldListMappingsInTypeOrderWithTheDefaultRouteLast() {
		PacketHandlerDispatcher dispatcher = dispatcher(new DefaultRouteHandler(), new ListedHandler());
		assertThat(dispatcher.mappings().mappings()).map(Object::toString)
			.containsExactly("1 -> defaultRouteHandler#one(String)", "3 -> listedHandler#several(Session, byte[])",
					"7 -> listedHandler#several(Session, byte[])",
					"default -> defaultRouteHandler#fallback(int, String)");
		assertThat(dispatcher.mappings().find(3).replyType()).isEqualTo(99L);
		assertThat(dispatcher.mappings().find(1000).isDefault()).isTrue();
		assertThat(dispatcher.mappings().routing()).isEqualTo("type field (1 bytes, BIG_ENDIAN)");
	}

	@Test
	void shouldFailNamingBothMethodsWhenATypeIsMappedTwice() {
		assertThatIllegalStateException()
			.isThrownBy(() -> dispatcher(new DefaultRouteHandler(), new DuplicateHandler()))
			.withMessageContaining("Duplicate @PacketMapping for message type 1")
			.withMessageContaining(DefaultRouteHandler.class.getName() + "#one(String)")
			.withMessageContaining(DuplicateHandler.class.getName() + "#alsoOne()");
	}

	@Test
	void shouldFailNamingMethodAndParameterWhenNothingResolvesIt() {
		PacketHandlerDispatcher.Builder noCodecs = PacketHandlerDispatcher
			.builder(new MessageEncoder(new TypeField(1, ByteOrder.BIG_ENDIAN), List.of()));
		assertThatIllegalStateException().isThrownBy(() -> dispatcher(noCodecs, new ArgumentHandler()))
			.withMessageContaining("Cannot resolve parameter [0] Person person of " + ArgumentHandler.class.getName()
					+ "#json(Person)")
			.withMessageContaining("no PayloadCodec decodes " + Person.class.getName());
	}

	@Test
	void shouldFailWhenTypesAreMappedButRoutingIsOff() {
		assertThatIllegalStateException()
			.isThrownBy(() -> dispatcher(PacketHandlerDispatcher.builder(MessageEncoder.plain()), new ListedHandler()))
			.withMessageContaining("maps message types 7, 3 but routing is off")
			.withMessageContaining("packnet.routing.type-field-size");
	}

	@Test
	void shouldFailWhenATypeDoesNotFitTheTypeField() {
		assertThatIllegalStateException().isThrownBy(() -> dispatcher(new TooLargeTypeHandler()))
			.withMessageContaining("message type 256 of " + TooLargeTypeHandler.class.getName())
			.withMessageContaining("packnet.routing.type-field-size=1 (0 to 255)");
	}

	@Test
	void shouldFailWhenAnExceptionHandlerDeclaresNoExceptionType() {
		assertThatIllegalStateException().isThrownBy(() -> dispatcher(new NoExceptionTypeHandler()))
			.withMessageContaining("handles no exception type");
	}

	@Test
	void shouldFailWhenAReturnTypeCannotBeEncoded() {
		PacketHandlerDispatcher.Builder noCodecs = PacketHandlerDispatcher
			.builder(new MessageEncoder(new TypeField(1, ByteOrder.BIG_ENDIAN), List.of()));
		assertThatIllegalStateException().isThrownBy(() -> dispatcher(noCodecs, new RecordReturningHandler()))
			.withMessageContaining("Cannot reply with the " + Person.class.getName() + " returned by");
	}

	@Test
	void shouldNotLeakTheFrameWhenAHandlerEchoesItsByteBuf() {
		EmbeddedSession session = session(TYPED);
		PacketHandlerDispatcher dispatcher = dispatcher(new ArgumentHandler());
		ByteBuf frame = Unpooled.buffer().writeByte(4).writeBytes("leak?".getBytes(StandardCharsets.UTF_8));
		dispatcher.dispatch(session.session, frame);
		frame.release();
		assertThat(session.nextReply()).isEqualTo(frame(4, "leak?"));
		assertThat(frame.refCnt()).isZero();
	}

	record Person(String name, int age) {
	}

	record Remote(String name) {
	}

	record Shout(String text) {
	}

	@PacketHandler
	static class ArgumentHandler {

		@PacketMapping(1)
		String text(String text) {
			return "text:" + text;
		}

		@PacketMapping(2)
		byte[] bytes(byte[] bytes) {
			byte[] reversed = new byte[bytes.length];
			for (int i = 0; i < bytes.length; i++) {
				reversed[i] = bytes[bytes.length - 1 - i];
			}
			return reversed;
		}

		@PacketMapping(3)
		String buffer(ByteBuffer buffer) {
			return "remaining:" + buffer.remaining();
		}

		@PacketMapping(4)
		ByteBuf echo(ByteBuf payload) {
			return payload;
		}

		@PacketMapping(5)
		Person json(Person person) {
			return new Person(person.name().toUpperCase(), person.age() + 1);
		}

		@PacketMapping(value = 200, reply = 201)
		String context(@PacketType int type, @PacketType long unsigned, Session session, ChannelSession channelSession,
				InboundPacket packet, @SessionAttribute("user") String user,
				@SessionAttribute(value = "missing", required = false) @Nullable String missing) {
			return "type=" + type + "/" + unsigned + " user=" + user + " missing=" + missing + " same="
					+ (session == channelSession && packet.session() == session);
		}

	}

	@PacketHandler
	static class ReturnHandler {

		final List<String> calls = new ArrayList<>();

		final CompletableFuture<String> pending = new CompletableFuture<>();

		@PacketMapping(1)
		void nothing() {
			this.calls.add("void");
		}

		@PacketMapping(2)
		@Nullable String returnsNull() {
			this.calls.add("null");
			return null;
		}

		@PacketMapping(value = 3, reply = 99)
		String otherType() {
			return "other";
		}

		@PacketMapping(4)
		CompletionStage<String> later() {
			return this.pending;
		}

		@PacketExceptionHandler
		String late(IllegalArgumentException ex) {
			return "handled " + ex.getMessage();
		}

	}

	@PacketHandler
	static class DefaultRouteHandler {

		@PacketMapping(1)
		String one(String text) {
			return "one:" + text;
		}

		@PacketMapping
		String fallback(@PacketType int type, String text) {
			return "default:" + type + ":" + text;
		}

	}

	@PacketHandler
	static class UntypedHandler {

		@PacketMapping
		String any(String text) {
			return "got " + text;
		}

	}

	@PacketHandler
	static class ListedHandler {

		@PacketMapping(value = { 7, 3 }, reply = 99)
		void several(Session session, byte[] payload) {
		}

	}

	@PacketHandler
	static class DuplicateHandler {

		@PacketMapping(1)
		void alsoOne() {
		}

	}

	@PacketHandler
	static class TooLargeTypeHandler {

		@PacketMapping({ 1, 256 })
		void tooLarge() {
		}

	}

	@PacketHandler
	static class NoExceptionTypeHandler {

		@PacketMapping(1)
		void one() {
		}

		@PacketExceptionHandler
		void nothing() {
		}

	}

	@PacketHandler
	static class RecordReturningHandler {

		@PacketMapping(1)
		Person person() {
			return new Person("x", 1);
		}

	}

	static class WrappedException extends RuntimeException {

		WrappedException(Throwable cause) {
			super("wrapped", cause);
		}

	}

	static class ByCauseException extends RuntimeException {

	}

	@PacketHandler
	static class FailingHandler {

		@PacketMapping(1)
		void illegalArgument(@PacketType int type) {
			throw new IllegalArgumentException("bad argument on " + type);
		}

		@PacketMapping(2)
		void illegalState() {
			throw new IllegalStateException("wrapped");
		}

		@PacketMapping(3)
		void byCause() {
			throw new WrappedException(new ByCauseException());
		}

		@PacketMapping(4)
		void unhandled() {
			throw new UnsupportedOperationException("nobody handles this");
		}

		@PacketMapping(5)
		void fine() {
		}

		@PacketExceptionHandler
		String local(IllegalArgumentException ex) {
			return "local IAE " + ex.getMessage();
		}

		@PacketExceptionHandler(ByCauseException.class)
		String localByCause() {
			return "local by cause";
		}

	}

	@PacketHandlerAdvice
	@Order(1)
	static class SharedAdvice {

		@PacketExceptionHandler(reply = 255)
		String advice(IllegalStateException ex, Session session) {
			return "advice ISE " + ex.getMessage();
		}

		@PacketExceptionHandler
		String tooGeneral(RuntimeException ex) {
			return "too general";
		}

	}

	@PacketHandler
	static class FailingExceptionHandler {

		@PacketMapping(1)
		void fail() {
			throw new IllegalArgumentException("first");
		}

		@PacketExceptionHandler
		void handle(IllegalArgumentException ex) {
			throw new IllegalStateException("handler failed too");
		}

	}

	@PacketHandler
	static class CustomHandler {

		@PacketMapping(1)
		Shout hello(Remote remote) {
			return new Shout("hi " + remote.name());
		}

	}

}
