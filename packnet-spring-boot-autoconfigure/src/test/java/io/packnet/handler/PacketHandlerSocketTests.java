package io.packnet.handler;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.event.SessionClosedEvent;
import io.packnet.server.PacketServer;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.stats.PacknetStatistics;
import io.packnet.support.RecordingListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * {@code @PacketHandler} beans as a client sees them over a real socket: every argument and return
 * kind, exception handlers, error and unmapped policies, and malformed frames. Replies start with
 * the 1-byte type field.
 */
class PacketHandlerSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
				PacketHandlerAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1");

	private static PacketClient connect(AssertableApplicationContext context) {
		return context.getBean(PacketClientFactory.class)
			.connect("127.0.0.1", context.getBean(PacketServer.class).port());
	}

	private static byte[] call(PacketClient client, int type, Object message) {
		client.send(type, message).join();
		byte[] reply = client.receive(TIMEOUT);
		assertThat(reply).as("reply to type " + type).isNotNull();
		return reply;
	}

	private static byte[] typed(int type, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[body.length + 1];
		frame[0] = (byte) type;
		System.arraycopy(body, 0, frame, 1, body.length);
		return frame;
	}

	private static String body(byte[] reply) {
		return new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8);
	}

	@Test
	void shouldResolveEveryArgumentKindWhenFramesArriveOverASocket() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				assertThat(call(client, 1, "héllo")).isEqualTo(typed(1, "text:héllo"));
				assertThat(call(client, 2, new byte[] { 1, 2, 3 })).containsExactly(2, 3, 2, 1);
				assertThat(call(client, 3, "four")).isEqualTo(typed(3, "remaining:4"));
				assertThat(call(client, 4, "echo")).isEqualTo(typed(4, "echo"));
				assertThat(body(call(client, 5, new Person("ada", 36)))).isEqualTo("{\"name\":\"ADA\",\"age\":37}");
				assertThat(call(client, 6, "grace")).isEqualTo(typed(6, "type 6, session " + 1));
				assertThat(call(client, 7, "")).isEqualTo(typed(7, "user grace"));
				assertThat(body(call(client, 8, ""))).startsWith("from /127.0.0.1:");
			}
		});
	}

	@Test
	void shouldSendEveryReturnKindBackAsAReplyFrame() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				// void and null send nothing: the next reply is the ping's
				client.send(10, "").join();
				client.send(11, "").join();
				assertThat(call(client, 1, "ping")).isEqualTo(typed(1, "text:ping"));
				assertThat(call(client, 12, "")).isEqualTo(typed(99, "reply type 99"));
				assertThat(call(client, 13, "async")).isEqualTo(typed(13, "completed async"));
				assertThat(call(client, 14, "")).isEqualTo(typed(14, "buffer"));
				assertThat(body(call(client, 15, ""))).isEqualTo("{\"name\":\"returned\",\"age\":1}");
			}
		});
	}

	@Test
	void shouldEchoTheReceivedBufferWithTheTypeItCarriesNow() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				// same type: the received bytes go back as they are; partly read: the rest, typed again;
				// another reply type: the payload behind the new type
				assertThat(call(client, 4, "as is")).isEqualTo(typed(4, "as is"));
				assertThat(call(client, 16, "skip the start")).isEqualTo(typed(16, "the start"));
				assertThat(call(client, 17, "forwarded")).isEqualTo(typed(18, "forwarded"));
				assertThat(call(client, 4, "")).isEqualTo(typed(4, ""));
			}
		});
	}

	@Test
	void shouldReplyFromExceptionHandlersAndKeepTheSessionOpenWhenOnErrorIsLog() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				assertThat(call(client, 20, "bad")).isEqualTo(typed(20, "local: bad"));
				assertThat(call(client, 21, "")).isEqualTo(typed(255, "advice: shared"));
				client.send(22, "").join();
				assertThat(call(client, 1, "still open")).isEqualTo(typed(1, "text:still open"));
				assertThat(client.isOpen()).isTrue();
			}
		});
	}

	@Test
	void shouldCloseWithHandlerErrorWhenAnExceptionIsUnhandledAndOnErrorIsClose() {
		this.runner.withPropertyValues("packnet.handler.on-error=close").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (PacketClient client = connect(context)) {
				assertThat(call(client, 20, "handled")).isEqualTo(typed(20, "local: handled"));
				client.send(22, "").join();
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.HANDLER_ERROR);
				client.closeFuture().get(5, TimeUnit.SECONDS);
			}
		});
	}

	@Test
	void shouldDropAndCountUnmappedTypesWhenUnmappedIsIgnore() {
		this.runner.run((context) -> {
			try (PacketClient client = connect(context)) {
				client.send(77, "nobody").join();
				assertThat(call(client, 1, "ping")).isEqualTo(typed(1, "text:ping"));
				assertThat(context.getBean(PacknetStatistics.class).framesDroppedUnmapped()).isEqualTo(1);
			}
		});
	}

	@Test
	void shouldCloseWithUnmappedTypeWhenUnmappedIsClose() {
		this.runner.withPropertyValues("packnet.routing.unmapped=close").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (PacketClient client = connect(context)) {
				client.send(77, "nobody").join();
				assertThat(events.nextClosed().reason()).isEqualTo(CloseReason.UNMAPPED_TYPE);
			}
		});
	}

	@Test
	void shouldCloseWithProtocolErrorWhenAFrameIsShorterThanTheTypeField() {
		this.runner.withPropertyValues("packnet.routing.type-field-size=2").run((context) -> {
			RecordingListener events = context.getBean(RecordingListener.class);
			try (PacketClient client = connect(context)) {
				// bypass the client's type field: a 1-byte payload cannot hold a 2-byte type
				client.channel().writeAndFlush(client.channel().alloc().buffer(1).writeByte(1)).sync();
				SessionClosedEvent closed = events.nextClosed();
				assertThat(closed.reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
				assertThat(closed.cause()).isInstanceOf(InvalidPacketException.class);
			}
		});
	}

	@Test
	void shouldRouteEveryFrameToTheDefaultRouteWhenRoutingIsOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
					PacketHandlerAutoConfiguration.class))
			.withUserConfiguration(CatchAllHandler.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1")
			.run((context) -> {
				try (PacketClient client = connect(context)) {
					client.send("one").join();
					client.send(new byte[] { 7, 'x' }).join();
					assertThat(client.receive(TIMEOUT)).isEqualTo("all:one".getBytes(StandardCharsets.UTF_8));
					assertThat(client.receive(TIMEOUT)).isEqualTo("all:\u0007x".getBytes(StandardCharsets.UTF_8));
				}
			});
	}

	record Person(String name, int age) {
	}

	record ClientAddress(InetSocketAddress address) {
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ SocketHandler.class, SharedAdvice.class })
	static class HandlerConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		PacketArgumentResolver clientAddressResolver() {
			return new PacketArgumentResolver() {
				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == ClientAddress.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, InboundPacket packet) {
					return new ClientAddress((InetSocketAddress) packet.session().remoteAddress());
				}
			};
		}

	}

	@PacketHandler
	static class SocketHandler {

		@PacketMapping(1)
		String text(String text) {
			return "text:" + text;
		}

		@PacketMapping(2)
		byte[] bytes(byte[] bytes) {
			byte[] reversed = bytes.clone();
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

		@PacketMapping(16)
		ByteBuf partlyRead(ByteBuf payload) {
			return payload.skipBytes(5);
		}

		@PacketMapping(value = 17, reply = 18)
		ByteBuf forward(ByteBuf payload) {
			return payload;
		}

		@PacketMapping(5)
		Person json(Person person) {
			return new Person(person.name().toUpperCase(), person.age() + 1);
		}

		@PacketMapping(6)
		String login(@PacketType int type, Session session, String user) {
			session.attributes().put("user", user);
			return "type " + type + ", session " + session.id();
		}

		@PacketMapping(7)
		String whoAmI(@SessionAttribute("user") String user) {
			return "user " + user;
		}

		@PacketMapping(8)
		String from(ClientAddress client) {
			return "from " + client.address();
		}

		@PacketMapping(10)
		void nothing() {
		}

		@PacketMapping(11)
		@Nullable String nothingEither() {
			return null;
		}

		@PacketMapping(value = 12, reply = 99)
		String otherType() {
			return "reply type 99";
		}

		@PacketMapping(13)
		CompletionStage<String> later(String text) {
			return CompletableFuture.supplyAsync(() -> "completed " + text);
		}

		@PacketMapping(14)
		ByteBuf newBuffer(Session session) {
			return Unpooled.copiedBuffer("buffer", StandardCharsets.UTF_8);
		}

		@PacketMapping(15)
		Person returned() {
			return new Person("returned", 1);
		}

		@PacketMapping(20)
		void illegalArgument(String text) {
			throw new IllegalArgumentException(text);
		}

		@PacketMapping(21)
		void illegalState() {
			throw new IllegalStateException("shared");
		}

		@PacketMapping(22)
		void unhandled() {
			throw new UnsupportedOperationException("nobody handles this");
		}

		@PacketExceptionHandler
		String local(IllegalArgumentException ex) {
			return "local: " + ex.getMessage();
		}

	}

	@PacketHandlerAdvice
	static class SharedAdvice {

		@PacketExceptionHandler(reply = 255)
		String shared(IllegalStateException ex) {
			return "advice: " + ex.getMessage();
		}

	}

	@PacketHandler
	static class CatchAllHandler {

		@PacketMapping
		String all(String text) {
			return "all:" + text;
		}

	}

}
