package io.packnet.autoconfigure;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.packnet.codec.JsonPayloadCodec;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.PayloadCodec;
import io.packnet.handler.HandlerErrorPolicy;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketHandlerDispatcher;
import io.packnet.handler.PacketHandlerMappings;
import io.packnet.handler.PacketMapping;
import io.packnet.handler.PacketRouter;
import io.packnet.handler.UnmappedTypePolicy;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery, back-off, JSON codec and startup failures of {@link PacketHandlerAutoConfiguration}.
 */
class PacketHandlerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
				PacketHandlerAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=2");

	@Test
	void shouldDiscoverHandlerBeansAndListTheirMappingsWhenTheContextStarts() {
		this.runner.withUserConfiguration(ChatHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(PacketHandlerDispatcher.class).hasSingleBean(PacketHandlerMappings.class);
			assertThat(context.getBean(PacketDispatcher.class))
				.isSameAs(context.getBean(PacketHandlerDispatcher.class));
			PacketHandlerMappings mappings = context.getBean(PacketHandlerMappings.class);
			assertThat(mappings.mappings()).map(Object::toString)
				.containsExactly("1 -> packetHandlerAutoConfigurationTests.ChatHandler#join(Session, Join)",
						"2 -> packetHandlerAutoConfigurationTests.ChatHandler#say(String)");
			assertThat(mappings.routing()).isEqualTo("type field (2 bytes, BIG_ENDIAN)");
		});
	}

	@Test
	void shouldStartWhenAHandlerDependsOnTheServer() {
		this.runner.withUserConfiguration(ServerAwareHandler.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(PacketHandlerMappings.class)
				.extracting((mappings) -> mappings.mappings().size())
				.isEqualTo(1));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAPacketDispatcher() {
		this.runner.withUserConfiguration(CustomDispatcherConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(PacketHandlerDispatcher.class)
				.doesNotHaveBean(PacketHandlerMappings.class)
				.hasSingleBean(PacketDispatcher.class));
	}

	@Test
	void shouldUseTheUsersRouterWhenOneIsDefined() {
		this.runner.withUserConfiguration(CustomRouterConfiguration.class)
			.run((context) -> assertThat(context.getBean(PacketHandlerDispatcher.class).router())
				.isSameAs(context.getBean(PacketRouter.class)));
	}

	@Test
	void shouldConfigureAJsonCodecWithTheApplicationsJsonMapperWhenJacksonIsPresent() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JsonPayloadCodec.class).hasSingleBean(JsonMapper.class);
			JsonPayloadCodec codec = context.getBean(JsonPayloadCodec.class);
			assertThat(codec.mapper()).isSameAs(context.getBean(JsonMapper.class));
			assertThat(context.getBean(MessageEncoder.class).codecFor(Join.class)).isSameAs(codec);
		});
	}

	@Test
	void shouldUseADefaultJsonMapperWhenTheApplicationHasNone() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PacknetAutoConfiguration.class, PacketHandlerAutoConfiguration.class))
			.withPropertyValues("packnet.server.enabled=false")
			.run((context) -> assertThat(context.getBean(JsonPayloadCodec.class).mapper()).isNotNull());
	}

	@Test
	void shouldNotConfigureAJsonCodecWhenJacksonIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JsonPayloadCodec.class));
	}

	@Test
	void shouldBackOffTheJsonCodecWhenTheUserDefinesOne() {
		this.runner.withUserConfiguration(CustomJsonCodecConfiguration.class)
			.run((context) -> assertThat(context).getBean(JsonPayloadCodec.class)
				.isSameAs(context.getBean("customJsonCodec")));
	}

	@Test
	void shouldPreferTheUsersCodecWhenItSupportsAType() {
		this.runner.withUserConfiguration(JoinCodecConfiguration.class)
			.run((context) -> assertThat(context.getBean(MessageEncoder.class).codecFor(Join.class))
				.isSameAs(context.getBean("joinCodec")));
	}

	@Test
	void shouldFailStartupNamingBothMethodsWhenATypeIsMappedTwice() {
		this.runner.withUserConfiguration(ChatHandler.class, DuplicateHandler.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("Duplicate @PacketMapping for message type 2")
				.hasMessageContaining(ChatHandler.class.getName() + "#say(String)")
				.hasMessageContaining(DuplicateHandler.class.getName() + "#alsoTwo(byte[])");
		});
	}

	@Test
	void shouldFailStartupNamingMethodAndParameterWhenNothingResolvesIt() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withUserConfiguration(ChatHandler.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("Cannot resolve parameter [1] Join join of " + ChatHandler.class.getName()
							+ "#join(Session, Join)")
					.hasMessageContaining("no PayloadCodec decodes");
			});
	}

	@Test
	void shouldFailStartupWhenTypesAreMappedAndRoutingIsOff() {
		this.runner.withPropertyValues("packnet.routing.type-field-size=0")
			.withUserConfiguration(ChatHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("but routing is off: set packnet.routing.type-field-size"));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void shouldFailStartupWhenVirtualThreadsAreAskedForBeforeJava21() {
		this.runner.withPropertyValues("packnet.handler.executor=virtual-threads").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("packnet.handler.executor=virtual-threads needs Java 21+; this JVM is "
						+ Runtime.version().feature());
		});
	}

	@Test
	void shouldFailStartupWhenTaskExecutorIsAskedForWithoutAnExecutor() {
		this.runner.withPropertyValues("packnet.handler.executor=task-executor")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("packnet.handler.executor=task-executor needs an Executor bean"));
	}

	@Test
	void shouldRejectAMaxQueuedFramesBelowOne() {
		this.runner.withPropertyValues("packnet.handler.max-queued-frames=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("packnet.handler.max-queued-frames must be 1 or more but was 0"));
	}

	@Test
	void shouldBindHandlerAndRoutingPolicies() {
		this.runner
			.withPropertyValues("packnet.routing.unmapped=close", "packnet.handler.on-error=close",
					"packnet.handler.max-queued-frames=10")
			.run((context) -> {
				PacknetProperties properties = context.getBean(PacknetProperties.class);
				assertThat(properties.getRouting().getUnmapped()).isEqualTo(UnmappedTypePolicy.CLOSE);
				assertThat(properties.getHandler().getOnError()).isEqualTo(HandlerErrorPolicy.CLOSE);
				assertThat(properties.getHandler().getMaxQueuedFrames()).isEqualTo(10);
			});
	}

	@Test
	void handlerPropertyDefaultsShouldMatchTheLibraryDefaults() {
		PacknetProperties properties = new PacknetProperties();
		assertThat(properties.getHandler().getExecutor()).isEqualTo(PacknetProperties.HandlerExecutor.EVENT_LOOP);
		assertThat(properties.getHandler().getOnError()).isEqualTo(HandlerErrorPolicy.LOG);
		assertThat(properties.getHandler().getMaxQueuedFrames())
			.isEqualTo(PacketHandlerDispatcher.DEFAULT_MAX_QUEUED_FRAMES);
		assertThat(properties.getRouting().getUnmapped()).isEqualTo(UnmappedTypePolicy.IGNORE);
	}

	record Join(String room) {
	}

	@PacketHandler
	static class ChatHandler {

		@PacketMapping(1)
		void join(Session session, Join join) {
		}

		@PacketMapping(2)
		String say(String text) {
			return text;
		}

	}

	@PacketHandler
	static class DuplicateHandler {

		@PacketMapping(2)
		void alsoTwo(byte[] payload) {
		}

	}

	@PacketHandler
	static class ServerAwareHandler {

		private final PacketServer server;

		ServerAwareHandler(PacketServer server) {
			this.server = server;
		}

		@PacketMapping(1)
		int port() {
			return this.server.port();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomDispatcherConfiguration {

		@Bean
		PacketDispatcher customDispatcher() {
			return (session, frame) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRouterConfiguration {

		@Bean
		PacketRouter customRouter() {
			return (session, payload) -> payload.readByte();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomJsonCodecConfiguration {

		@Bean
		JsonPayloadCodec customJsonCodec() {
			return new JsonPayloadCodec(JsonMapper.shared());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ChatHandler.class)
	static class JoinCodecConfiguration {

		@Bean
		PayloadCodec joinCodec() {
			return new PayloadCodec() {
				@Override
				public boolean supports(Class<?> type) {
					return type == Join.class;
				}

				@Override
				public Object decode(ByteBuf payload, Type targetType) {
					return new Join(payload.toString(StandardCharsets.UTF_8));
				}

				@Override
				public void encode(Object value, ByteBuf out) {
					out.writeCharSequence(((Join) value).room(), StandardCharsets.UTF_8);
				}
			};
		}

	}

}
