package io.packnet.event;

import io.packnet.server.PacketServer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the packet server has stopped accepting and is about to close its sessions: the
 * moment to send a goodbye frame.
 */
public class PacketServerStoppingEvent extends ApplicationEvent {

	/**
	 * Creates an event.
	 * @param server the server
	 */
	public PacketServerStoppingEvent(PacketServer server) {
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
