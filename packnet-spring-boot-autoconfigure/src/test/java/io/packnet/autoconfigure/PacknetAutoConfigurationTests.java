package io.packnet.autoconfigure;

import java.nio.ByteOrder;

import io.netty.bootstrap.ServerBootstrap;
import io.packnet.client.PacketClientFactory;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.protocol.LineProtocol;
import io.packnet.protocol.PacketProtocol;
import io.packnet.protocol.Varint32Protocol;
import io.packnet.server.PacketServer;
import io.packnet.server.ServerOptions;
import io.packnet.server.Transport;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-off and property mapping of {@link PacknetAutoConfiguration}.
 */
class PacknetAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldStartAServerOnTheDefaultFramingWhenNothingIsConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PacketServer.class)
				.hasSingleBean(PacketServerLifecycle.class)
				.hasSingleBean(SessionRegistry.class)
				.hasSingleBean(MessageEncoder.class)
				.hasSingleBean(PacketClientFactory.class);
			PacketServer server = context.getBean(PacketServer.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isPositive();
			assertThat(context.getEnvironment().getProperty("local.packnet.server.port", Integer.class))
				.isEqualTo(server.port());
			assertThat(context.getBean(PacketProtocol.class).description())
				.isEqualTo("length-field(4 bytes, big-endian, max 1048576 bytes)");
		});
	}

	@Test
	void shouldNotCreateAServerWhenDisabled() {
		this.runner.withPropertyValues("packnet.server.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PacketServer.class).doesNotHaveBean(PacketServerLifecycle.class);
			// framing and the client stay available, e.g. for a client-only application
			assertThat(context).hasSingleBean(PacketProtocol.class).hasSingleBean(PacketClientFactory.class);
		});
	}

	@Test
	void shouldBackOffWhenNettyIsNotOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader(ServerBootstrap.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PacketServer.class)
				.doesNotHaveBean(PacketProtocol.class));
	}

	@Test
	void shouldUseTheUsersProtocolWhenOneIsDefined() {
		this.runner.withUserConfiguration(CustomProtocolConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PacketProtocol.class);
			assertThat(context.getBean(PacketProtocol.class)).isSameAs(context.getBean("customProtocol"));
			assertThat(context.getBean(PacketServer.class).protocol()).isSameAs(context.getBean("customProtocol"));
		});
	}

	@Test
	void shouldUseTheUsersRegistryAndServerWhenDefined() {
		this.runner.withUserConfiguration(CustomRegistryConfiguration.class)
			.run((context) -> assertThat(context.getBean(SessionRegistry.class))
				.isSameAs(context.getBean("customRegistry")));
	}

	@Test
	void shouldBuildTheConfiguredFraming() {
		this.runner
			.withPropertyValues("packnet.protocol.header-size=2", "packnet.protocol.byte-order=little",
					"packnet.protocol.max-frame-size=1KB", "packnet.protocol.length-includes-header=true")
			.run((context) -> {
				LengthFieldProtocol protocol = (LengthFieldProtocol) context.getBean(PacketProtocol.class);
				assertThat(protocol.headerSize()).isEqualTo(2);
				assertThat(protocol.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
				assertThat(protocol.maxFrameSize()).isEqualTo(1024);
				assertThat(protocol.description()).contains("length includes header");
			});
		this.runner.withPropertyValues("packnet.protocol.type=line", "packnet.protocol.max-frame-size=80B")
			.run((context) -> assertThat(context.getBean(PacketProtocol.class)).isInstanceOf(LineProtocol.class)
				.extracting(PacketProtocol::maxFrameSize)
				.isEqualTo(80));
		this.runner.withPropertyValues("packnet.protocol.type=varint32")
			.run((context) -> assertThat(context.getBean(PacketProtocol.class)).isInstanceOf(Varint32Protocol.class));
	}

	@Test
	void shouldUseTheTypeFieldSizeAndByteOrderForMessages() {
		this.runner.withPropertyValues("packnet.routing.type-field-size=2", "packnet.protocol.byte-order=little")
			.run((context) -> {
				MessageEncoder encoder = context.getBean(MessageEncoder.class);
				assertThat(encoder.typeField().size()).isEqualTo(2);
				assertThat(encoder.typeField().byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
			});
	}

	@Test
	void propertyDefaultsShouldMatchTheLibraryDefaults() {
		PacknetProperties properties = new PacknetProperties();
		ServerOptions options = new ServerOptions();
		PacknetProperties.Server server = properties.getServer();
		assertThat(server.getHost()).isEqualTo(options.getHost());
		assertThat(server.getPort()).isEqualTo(options.getPort()).isEqualTo(ServerOptions.DEFAULT_PORT);
		assertThat(server.getTransport()).isEqualTo(options.getTransport()).isEqualTo(Transport.AUTO);
		assertThat(server.getBossThreads()).isEqualTo(options.getBossThreads());
		assertThat(server.getWorkerThreads()).isEqualTo(options.getWorkerThreads());
		assertThat(server.getBacklog()).isEqualTo(options.getBacklog());
		assertThat(server.isTcpNoDelay()).isEqualTo(options.isTcpNoDelay());
		assertThat(server.isKeepAlive()).isEqualTo(options.isKeepAlive());
		assertThat(server.getSendBufferSize()).isNull();
		assertThat(options.getSendBufferSize()).isNull();
		assertThat(server.getMaxConnections()).isEqualTo(options.getMaxConnections());
		assertThat(server.getMaxConnectionsPerIp()).isEqualTo(options.getMaxConnectionsPerIp());
		assertThat(server.getShutdownTimeout()).isEqualTo(options.getShutdownTimeout());
		assertThat(properties.getSession().getIdleTimeout()).isEqualTo(options.getIdleTimeout());
		assertThat(properties.getSession().getFrameTimeout()).isEqualTo(options.getFrameTimeout());
		assertThat(properties.getSession().getAuthTimeout()).isEqualTo(options.getAuthTimeout());
		assertThat(properties.getServer().getSsl().getHandshakeTimeout()).isEqualTo(options.getSslHandshakeTimeout());
		assertThat(properties.getServer().getSsl().getBundle()).isNull();
		assertThat(options.getSslContext()).isNull();
		assertThat(properties.getSession().getMaxPendingBytes().toBytes()).isEqualTo(options.getMaxPendingBytes());
		assertThat(properties.getSession().getOverflowPolicy()).isEqualTo(options.getOverflowPolicy())
			.isEqualTo(OverflowPolicy.CLOSE);
		LengthFieldProtocol defaults = LengthFieldProtocol.defaults();
		assertThat(properties.getProtocol().getHeaderSize()).isEqualTo(defaults.headerSize());
		assertThat(properties.getProtocol().getMaxFrameSize().toBytes()).isEqualTo(defaults.maxFrameSize());
		assertThat(properties.getProtocol().getByteOrder()).isEqualTo(PacknetProperties.Endianness.BIG);
		assertThat(properties.getProtocol().isLengthIncludesHeader()).isFalse();
		assertThat(properties.getRouting().getTypeFieldSize()).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomProtocolConfiguration {

		@Bean
		PacketProtocol customProtocol() {
			return new LineProtocol(100);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRegistryConfiguration {

		@Bean
		SessionRegistry customRegistry() {
			return new SessionRegistry(1L << 48);
		}

	}

}
