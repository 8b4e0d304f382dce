package io.packnet.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import io.packnet.event.PacketServerStartedEvent;
import io.packnet.event.PacketServerStoppedEvent;
import io.packnet.event.PacketServerStoppingEvent;
import io.packnet.server.PacketServer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Starts the {@link PacketServer} with the application context and drains it on shutdown: stop
 * accepting, publish {@link PacketServerStoppingEvent} (time for a goodbye frame), close every
 * session within {@code packnet.server.shutdown-timeout}. Exposes the bound port as
 * {@code local.packnet.server.port}.
 */
public class PacketServerLifecycle implements SmartLifecycle {

	/** The property holding the bound port. */
	public static final String LOCAL_PORT_PROPERTY = "local.packnet.server.port";

	private static final String PORTS_PROPERTY_SOURCE = "server.ports";

	private final PacketServer server;

	private final ApplicationEventPublisher publisher;

	private final ConfigurableEnvironment environment;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for a server.
	 * @param server the server
	 * @param publisher publishes the server events
	 * @param environment receives the bound port
	 */
	public PacketServerLifecycle(PacketServer server, ApplicationEventPublisher publisher,
			ConfigurableEnvironment environment) {
		this.server = server;
		this.publisher = publisher;
		this.environment = environment;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
		exposePort(this.server.port());
		this.publisher.publishEvent(new PacketServerStartedEvent(this.server));
	}

	@SuppressWarnings("unchecked")
	private void exposePort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PORTS_PROPERTY_SOURCE);
		if (source == null) {
			source = new MapPropertySource(PORTS_PROPERTY_SOURCE, new HashMap<>());
			sources.addFirst(source);
		}
		((Map<String, Object>) source.getSource()).put(LOCAL_PORT_PROPERTY, port);
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.server.stopAccepting();
		try {
			this.publisher.publishEvent(new PacketServerStoppingEvent(this.server));
		}
		finally {
			this.server.stop();
			this.running = false;
			this.publisher.publishEvent(new PacketServerStoppedEvent(this.server));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts late and stops early, like Boot's embedded web servers, so handlers' dependencies are
	 * ready before the first frame and still there while sessions drain.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

}
