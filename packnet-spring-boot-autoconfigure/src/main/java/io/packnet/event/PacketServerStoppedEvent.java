package io.packnet.event;

import io.packnet.server.PacketServer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the packet server has closed every session and released its threads.
 */
public class PacketServerStoppedEvent extends ApplicationEvent {

	/**
	 * Creates an event.
	 * @param server the server
	 */
	public PacketServerStoppedEvent(PacketServer server) {
		super(server);
	}

	/**
	 * Returns the server.
	 * @return the server
	 */
	public PacketServer server() {
		return (PacketServer) getSource();
	}

}
