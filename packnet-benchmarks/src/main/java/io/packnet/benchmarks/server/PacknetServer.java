package io.packnet.benchmarks.server;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.cluster.RedisBroadcastRelay;
import io.packnet.event.PacketServerStartedEvent;
import io.packnet.session.SessionRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The packnet server under test: a minimal Spring Boot application on the starter, configured only
 * through {@code packnet.*} properties and one {@code @PacketHandler} bean.
 * <ul>
 * <li>{@code --role echo} (the default): {@link PacknetEchoHandler}, a default-route {@code byte[]} method that
 * returns its payload; with {@code --type-field-size 1|2|4} packnet routes on the type field and replies
 * with the request's type, as a typed application would.</li>
 * <li>{@code --role echo_bytebuf}: the same with {@link PacknetByteBufEchoHandler}, {@code ByteBuf} in and out.</li>
 * <li>{@code --role broadcast}: {@link PacknetBroadcastHandler}, the broadcast convention on
 * {@link BroadcastTemplate} (no type field).</li>
 * <li>{@code --metrics on}: a {@link SimpleMeterRegistry} bean in cumulative mode (as Spring Boot's
 * auto-configuration creates it), so packnet's meters (frame counters,
 * handler timers) are bound and updated on every frame; {@code off} (the default): no registry.</li>
 * <li>{@code --cluster-redis-port N --cluster-channel-prefix P} ({@link ClusterOptions}): a cluster node
 * relaying broadcasts through the Redis on 127.0.0.1:N; it prints {@code LISTENING} only once its relay is
 * up. Without them Spring Data Redis (on the shared classpath) is not auto-configured at all.</li>
 * </ul>
 * The common options ({@link ServerOptions}) set host, port, framing, worker threads and transport.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class PacknetServer {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);


	/** What the application does. */
	public enum Role {

		/** {@link PacknetEchoHandler}. */
		ECHO,

		/** {@link PacknetByteBufEchoHandler}. */
		ECHO_BYTEBUF,

		/** {@link PacknetBroadcastHandler}. */
		BROADCAST

	}

	/**
	 * The packnet-specific options.
	 * @param role which handler the application has
	 * @param typeFieldSize {@code packnet.routing.type-field-size} for echo (0, 1, 2 or 4)
	 * @param metrics whether a meter registry is present
	 * @param cluster the cluster to join, or {@code null} for a single server without a relay
	 */
	public record Settings(Role role, int typeFieldSize, boolean metrics, @Nullable ClusterOptions cluster) {

		public Settings {
			Objects.requireNonNull(role, "role");
			if (typeFieldSize != 0 && typeFieldSize != 1 && typeFieldSize != 2 && typeFieldSize != 4) {
				throw new IllegalArgumentException("typeFieldSize must be 0, 1, 2 or 4 but was " + typeFieldSize);
			}
			if (role == Role.BROADCAST && typeFieldSize != 0) {
				throw new IllegalArgumentException("the broadcast convention has no type field");
			}
		}

	}

	/**
	 * Starts the server as the harness does: {@code --role echo|echo_bytebuf|broadcast --type-field-size N
	 * --metrics on|off [--cluster-redis-port N --cluster-channel-prefix P]} plus the common options,
	 * control over stdin/stdout.
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> own = new HashMap<>();
		List<String> common = new ArrayList<>();
		List<String> ownNames = List.of("--role", "--type-field-size", "--metrics", ClusterOptions.REDIS_PORT_OPTION,
				ClusterOptions.CHANNEL_PREFIX_OPTION);
		for (int i = 0; i < args.length; i++) {
			if (i + 1 < args.length && ownNames.contains(args[i])) {
				own.put(args[i], args[++i]);
			}
			else {
				common.add(args[i]);
			}
		}
		String metrics = own.getOrDefault("--metrics", "off");
		String redisPort = own.get(ClusterOptions.REDIS_PORT_OPTION);
		Settings settings = new Settings(Role.valueOf(own.getOrDefault("--role", "echo").toUpperCase(Locale.ROOT)),
				Integer.parseInt(own.getOrDefault("--type-field-size", "0")),
				metrics.equalsIgnoreCase("on") || metrics.equalsIgnoreCase("true"),
				(redisPort != null) ? new ClusterOptions(Integer.parseInt(redisPort),
						own.getOrDefault(ClusterOptions.CHANNEL_PREFIX_OPTION, "packnet-benchmarks")) : null);
		ServerControl.serve(start(ServerOptions.parse(common.toArray(String[]::new)), settings), System.in,
				System.out);
	}

	/** Starts the application and waits until it listens; close the result to stop it. */
	public static RunningServer start(ServerOptions options, Settings settings) throws Exception {
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(settings, "settings");
		SpringApplication application = new SpringApplication(PacknetServer.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties(options, settings));
		ListeningPort listeningPort = new ListeningPort();
		application.addListeners(listeningPort);
		application.addInitializers(context -> registerBeans((GenericApplicationContext) context, settings));
		ConfigurableApplicationContext context = application.run();
		try {
			int port = listeningPort.port.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			SessionRegistry sessions = context.getBean(SessionRegistry.class);
			RedisBroadcastRelay relay = (settings.cluster() != null) ? context.getBean(RedisBroadcastRelay.class) : null;
			if (relay != null) {
				ClusterOptions.awaitUp(relay, STARTUP_TIMEOUT);
			}
			return new RunningServer() {
				@Override
				public int port() {
					return port;
				}

				@Override
				public int openConnections() {
					return sessions.size();
				}

				@Override
				public @Nullable RelayReport relay() {
					return (relay != null) ? ClusterOptions.report(relay) : null;
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

	/** The application's properties: the harness's framing and threads, and packnet's defaults otherwise. */
	static Map<String, Object> properties(ServerOptions options, Settings settings) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("logging.level.root", "WARN");
		properties.put("spring.main.log-startup-info", "false");
		ClusterOptions cluster = settings.cluster();
		if (cluster != null) {
			properties.putAll(cluster.properties());
		}
		properties.put("spring.autoconfigure.exclude", ExcludedAutoConfigurations.property(
				ExcludedAutoConfigurations.INTEGRATION, ExcludedAutoConfigurations.UNUSED_REDIS,
				(cluster != null) ? List.of() : List.of(ExcludedAutoConfigurations.REDIS_CONNECTION)));
		properties.put("packnet.server.host", options.host());
		properties.put("packnet.server.port", options.port());
		properties.put("packnet.server.backlog", ServerOptions.BACKLOG);
		// the raw Netty baseline runs one worker per --io-threads (default: one per core) on --transport
		properties.put("packnet.server.worker-threads", options.ioThreads());
		properties.put("packnet.server.transport", options.transport().name().toLowerCase(Locale.ROOT));
		properties.put("packnet.protocol.header-size", options.lengthPrefix().size());
		properties.put("packnet.protocol.byte-order",
				(options.lengthPrefix().order() == ByteOrder.BIG_ENDIAN) ? "big" : "little");
		properties.put("packnet.protocol.max-frame-size", options.maxPayloadSize() + "B");
		properties.put("packnet.routing.type-field-size", settings.typeFieldSize());
		// the broadcast convention makes unknown opcodes a protocol error
		properties.put("packnet.handler.on-error", "close");
		return properties;
	}

	private static void registerBeans(GenericApplicationContext context, Settings settings) {
		switch (settings.role()) {
			case ECHO -> context.registerBean("echoHandler", PacknetEchoHandler.class);
			case ECHO_BYTEBUF -> context.registerBean("echoHandler", PacknetByteBufEchoHandler.class);
			case BROADCAST -> context.registerBean("broadcastHandler", PacknetBroadcastHandler.class);
		}
		if (settings.metrics()) {
			// configured as Spring Boot configures its SimpleMeterRegistry (management.simple.metrics.export.mode
			// defaults to cumulative); Micrometer's own default, step, reads the clock twice more per timer record
			context.registerBean("meterRegistry", SimpleMeterRegistry.class,
					() -> new SimpleMeterRegistry(CumulativeSimpleConfig.INSTANCE, Clock.SYSTEM));
			context.registerBean("meterBinders", MeterBinders.class);
		}
	}

	/**
	 * Binds packnet's {@link MeterBinder}s to the registry, as Spring Boot's metrics module would, without
	 * putting that module (and its JVM and system meters) on the classpath the other servers share.
	 */
	static final class MeterBinders implements SmartInitializingSingleton {

		private final SimpleMeterRegistry registry;

		private final ObjectProvider<MeterBinder> binders;

		MeterBinders(SimpleMeterRegistry registry, ObjectProvider<MeterBinder> binders) {
			this.registry = registry;
			this.binders = binders;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.binders.orderedStream().forEach(binder -> binder.bindTo(this.registry));
		}

	}

	/** The registry settings of Spring Boot's simple metrics export: cumulative counting. */
	public enum CumulativeSimpleConfig implements SimpleConfig {

		INSTANCE;

		@Override
		public @Nullable String get(String key) {
			return null;
		}

		@Override
		public CountingMode mode() {
			return CountingMode.CUMULATIVE;
		}

	}

	/** Captures the port the packnet server actually bound (the configured one may be 0). */
	private static final class ListeningPort implements ApplicationListener<PacketServerStartedEvent> {

		private final CompletableFuture<Integer> port = new CompletableFuture<>();

		@Override
		public void onApplicationEvent(PacketServerStartedEvent event) {
			port.complete(event.port());
		}

	}

}
