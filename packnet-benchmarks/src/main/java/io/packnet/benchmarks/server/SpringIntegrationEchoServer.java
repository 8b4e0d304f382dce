package io.packnet.benchmarks.server;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;

/**
 * The Spring Integration IP echo server: a minimal Spring Boot application with a server connection
 * factory, a {@link ByteArrayLengthHeaderSerializer} and a {@code TcpInboundGateway} whose flow returns
 * the payload.
 * <p>
 * {@code --connection-factory net} (the default) uses {@link TcpNetServerConnectionFactory}: a thread
 * per connection that reads, replies and reads again, so replies keep request order.
 * {@code --connection-factory nio} uses {@link TcpNioServerConnectionFactory}: no thread per idle
 * connection, but consecutive messages of one socket may be assembled and handled by different pool
 * threads, so pipelined replies can come back out of order (documented in Spring Integration's "About
 * Non-blocking I/O"); the load generator rejects that, so NIO is only measured for idle memory.
 * <p>
 * Settings that differ from Spring Integration's defaults, for a fair comparison: TCP_NODELAY on (as
 * Netty's default), accept backlog 1024 (default 5), max message size from {@code --max-payload-size}
 * (default 2048). The executor stays the default cached thread pool. Only 1, 2 and 4-byte big-endian
 * length headers are supported by the serializer.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SpringIntegrationEchoServer {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	/** The option choosing the connection factory: {@code net} or {@code nio}. */
	static final String CONNECTION_FACTORY_OPTION = "--connection-factory";

	/** Which Spring Integration connection factory serves the connections. */
	public enum ConnectionFactoryType {

		/** {@link TcpNetServerConnectionFactory}: blocking, a thread per connection, ordered replies. */
		NET,

		/** {@link TcpNioServerConnectionFactory}: selector plus pool; pipelined replies may reorder. */
		NIO

	}

	/**
	 * Starts the server as the harness does: {@code --connection-factory net|nio} plus the common
	 * options from {@code args}, control over stdin/stdout.
	 */
	public static void main(String[] args) throws Exception {
		ConnectionFactoryType type = ConnectionFactoryType.NET;
		List<String> common = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals(CONNECTION_FACTORY_OPTION) && i + 1 < args.length) {
				type = ConnectionFactoryType.valueOf(args[++i].toUpperCase(Locale.ROOT));
			}
			else {
				common.add(args[i]);
			}
		}
		ServerControl.serve(start(ServerOptions.parse(common.toArray(String[]::new)), type), System.in, System.out);
	}

	/** Starts the application and waits until it listens; close the result to stop it. */
	public static RunningServer start(ServerOptions options, ConnectionFactoryType type) throws Exception {
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(type, "type");
		int headerSize = options.lengthPrefix().size();
		if ((headerSize != 1 && headerSize != 2 && headerSize != 4)
				|| options.lengthPrefix().order() != ByteOrder.BIG_ENDIAN) {
			throw new IllegalArgumentException("ByteArrayLengthHeaderSerializer supports 1, 2 or 4-byte big-endian "
					+ "length headers, not " + options.lengthPrefix());
		}
		SpringApplication application = new SpringApplication(SpringIntegrationEchoServer.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setWebApplicationType(WebApplicationType.NONE);
		// Spring Data Redis shares the benchmark classpath (for packnet's cluster nodes); this server has no use for it
		application.setDefaultProperties(Map.of("logging.level.root", "WARN", "spring.main.log-startup-info", "false",
				"spring.autoconfigure.exclude", ExcludedAutoConfigurations.property(
						List.of(ExcludedAutoConfigurations.REDIS_CONNECTION), ExcludedAutoConfigurations.UNUSED_REDIS)));
		ListeningPort listeningPort = new ListeningPort();
		application.addInitializers(context -> {
			context.getBeanFactory().registerSingleton("serverOptions", options);
			context.getBeanFactory().registerSingleton("connectionFactoryType", type);
		});
		application.addListeners(listeningPort);
		ConfigurableApplicationContext context = application.run();
		try {
			int port = listeningPort.port.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			AbstractServerConnectionFactory factory = context.getBean(AbstractServerConnectionFactory.class);
			return new RunningServer() {
				@Override
				public int port() {
					return port;
				}

				@Override
				public int openConnections() {
					return factory.getOpenConnectionIds().size();
				}

				@Override
				public void close() {
					context.close();
				}
			};
		}
		catch (Exception ex) {
			context.close();
			throw ex;
		}
	}

	@Bean
	AbstractServerConnectionFactory echoConnectionFactory(ServerOptions serverOptions,
			ConnectionFactoryType connectionFactoryType) {
		AbstractServerConnectionFactory factory = switch (connectionFactoryType) {
			case NET -> new TcpNetServerConnectionFactory(serverOptions.port());
			case NIO -> new TcpNioServerConnectionFactory(serverOptions.port());
		};
		factory.setLocalAddress(serverOptions.host());
		ByteArrayLengthHeaderSerializer serializer = new ByteArrayLengthHeaderSerializer(
				serverOptions.lengthPrefix().size());
		serializer.setMaxMessageSize(serverOptions.maxPayloadSize());
		factory.setSerializer(serializer);
		factory.setDeserializer(serializer);
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(ServerOptions.BACKLOG);
		return factory;
	}

	@Bean
	IntegrationFlow echoFlow(AbstractServerConnectionFactory echoConnectionFactory) {
		return IntegrationFlow.from(Tcp.inboundGateway(echoConnectionFactory))
			.handle((payload, headers) -> payload)
			.get();
	}

	/** Captures the port the connection factory actually bound (the configured one may be 0). */
	private static final class ListeningPort implements ApplicationListener<TcpConnectionServerListeningEvent> {

		private final CompletableFuture<Integer> port = new CompletableFuture<>();

		@Override
		public void onApplicationEvent(TcpConnectionServerListeningEvent event) {
			port.complete(event.getPort());
		}

	}

}
