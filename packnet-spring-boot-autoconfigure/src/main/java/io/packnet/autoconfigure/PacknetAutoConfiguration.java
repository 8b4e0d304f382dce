package io.packnet.autoconfigure;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.handler.ssl.SslContext;
import io.packnet.client.PacketClientFactory;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.PayloadCodec;
import io.packnet.codec.TypeField;
import io.packnet.event.SessionEventPublisher;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.protocol.LineProtocol;
import io.packnet.protocol.PacketProtocol;
import io.packnet.protocol.Varint32Protocol;
import io.packnet.security.PacketAuthenticator;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.server.ServerOptions;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Auto-configures a Netty packet server from {@code packnet.*}: framing, session registry,
 * message encoding, the server and its lifecycle, session events, and a client factory; TLS from
 * Spring Boot SSL bundles ({@code packnet.server.ssl.bundle}, {@code packnet.client.ssl.bundle});
 * a {@code PacketAuthenticator} bean gates every session.
 * Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(ServerBootstrap.class)
@EnableConfigurationProperties(PacknetProperties.class)
public final class PacknetAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PacketProtocol packetProtocol(PacknetProperties properties) {
		PacknetProperties.Protocol protocol = properties.getProtocol();
		int maxFrameSize = (int) protocol.getMaxFrameSize().toBytes();
		return switch (protocol.getType()) {
			case LENGTH_FIELD -> new LengthFieldProtocol(protocol.getHeaderSize(), byteOrder(properties), maxFrameSize,
					protocol.isLengthIncludesHeader());
			case LINE -> new LineProtocol(maxFrameSize);
			case VARINT32 -> new Varint32Protocol(maxFrameSize);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	MessageEncoder packnetMessageEncoder(PacknetProperties properties, ObjectProvider<PayloadCodec> codecs) {
		TypeField typeField = new TypeField(properties.getRouting().getTypeFieldSize(), byteOrder(properties));
		return new MessageEncoder(typeField, codecs.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRegistry sessionRegistry() {
		return new SessionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	PacknetStatistics packnetStatistics() {
		return new PacknetStatistics();
	}

	@Bean
	@ConditionalOnMissingBean
	PacketClientFactory packetClientFactory(PacketProtocol protocol, MessageEncoder encoder,
			PacknetProperties properties, ObjectProvider<SslBundles> sslBundles) {
		String bundle = properties.getClient().getSsl().getBundle();
		@Nullable SslContext sslContext = StringUtils.hasText(bundle)
				? PacknetSslContexts.forClient(sslBundle(sslBundles, bundle, "packnet.client.ssl.bundle")) : null;
		return new PacketClientFactory(protocol, encoder, properties.getClient().getConnectTimeout(), sslContext);
	}

	static SslBundle sslBundle(ObjectProvider<SslBundles> sslBundles, String name, String property) {
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException(property + "=" + name
					+ " needs Spring Boot's SSL bundles (SslAutoConfiguration), but no SslBundles bean exists");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException(property + "=" + name + " names no SSL bundle; define it under "
					+ "spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name + ".*", ex);
		}
	}

	static ByteOrder byteOrder(PacknetProperties properties) {
		return (properties.getProtocol().getByteOrder() == PacknetProperties.Endianness.LITTLE)
				? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "packnet.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PacketServer packetServer(PacknetProperties properties, PacketProtocol protocol,
				ObjectProvider<PacketDispatcher> dispatcher, SessionRegistry registry, MessageEncoder encoder,
				ObjectProvider<SessionListener> sessionListeners, PacknetStatistics statistics,
				ApplicationEventPublisher publisher, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<PacketAuthenticator> authenticator) {
			List<SessionListener> listeners = new ArrayList<>(sessionListeners.orderedStream().toList());
			// last, so SessionClosedEvent listeners see a session already gone from registry and groups
			listeners.add(new SessionEventPublisher(publisher));
			ServerOptions options = serverOptions(properties);
			PacknetProperties.ServerSsl ssl = properties.getServer().getSsl();
			if (StringUtils.hasText(ssl.getBundle())) {
				options.sslContext(PacknetSslContexts.forServer(
						sslBundle(sslBundles, ssl.getBundle(), "packnet.server.ssl.bundle"), ssl.getClientAuth()));
			}
			return new PacketServer(options, protocol,
					dispatcher.getIfAvailable(() -> PacketDispatcher.NONE), registry, encoder, listeners, statistics,
					authenticator.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		PacketServerLifecycle packetServerLifecycle(PacketServer server, ApplicationEventPublisher publisher,
				ConfigurableEnvironment environment) {
			return new PacketServerLifecycle(server, publisher, environment);
		}

		static ServerOptions serverOptions(PacknetProperties properties) {
			PacknetProperties.Server server = properties.getServer();
			PacknetProperties.Session session = properties.getSession();
			return new ServerOptions().host(server.getHost())
				.port(server.getPort())
				.transport(server.getTransport())
				.bossThreads(server.getBossThreads())
				.workerThreads(server.getWorkerThreads())
				.backlog(server.getBacklog())
				.tcpNoDelay(server.isTcpNoDelay())
				.keepAlive(server.isKeepAlive())
				.sendBufferSize((server.getSendBufferSize() != null) ? (int) server.getSendBufferSize().toBytes() : null)
				.receiveBufferSize(
						(server.getReceiveBufferSize() != null) ? (int) server.getReceiveBufferSize().toBytes() : null)
				.maxConnections(server.getMaxConnections())
				.maxConnectionsPerIp(server.getMaxConnectionsPerIp())
				.shutdownTimeout(server.getShutdownTimeout())
				.idleTimeout(session.getIdleTimeout())
				.frameTimeout(session.getFrameTimeout())
				.authTimeout(session.getAuthTimeout())
				.sslHandshakeTimeout(server.getSsl().getHandshakeTimeout())
				.maxPendingBytes(session.getMaxPendingBytes().toBytes())
				.overflowPolicy(session.getOverflowPolicy());
		}

	}

}
