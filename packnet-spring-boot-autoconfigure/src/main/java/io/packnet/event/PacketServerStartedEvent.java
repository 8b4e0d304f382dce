package io.packnet.event;

import io.packnet.server.PacketServer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the packet server is bound and accepting; carries the bound port.
 */
public class PacketServerStartedEvent extends ApplicationEvent {

	/**
	 * Creates an event.
	 * @param server the server
	 */
	public PacketServerStartedEvent(PacketServer server) {
		super(server);
	}

	/**
	 * Returns the server.
	 * @return the server
	 */
	public PacketServer server() {
		return (PacketServer) getSource();
	}

	/**
	 * Returns the bound port.
	 * @return the port
	 */
	public int port() {
		return server().port();
	}

}
