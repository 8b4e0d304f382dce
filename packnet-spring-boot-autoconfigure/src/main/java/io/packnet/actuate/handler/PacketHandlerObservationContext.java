package io.packnet.actuate.handler;

import java.util.Objects;

import io.micrometer.observation.Observation;
import io.packnet.handler.PacketHandlerMethod;
import io.packnet.session.Session;

/**
 * The {@link Observation.Context} of one {@code @PacketMapping} invocation.
 */
public class PacketHandlerObservationContext extends Observation.Context {

	private final PacketHandlerMethod handlerMethod;

	private final String route;

	private final Session session;

	private final int type;

	/**
	 * Creates a context.
	 * @param handlerMethod the handler method
	 * @param route the route: the mapped message type, or {@code default}
	 * @param session the session the frame arrived on
	 * @param type the frame's message type
	 */
	public PacketHandlerObservationContext(PacketHandlerMethod handlerMethod, String route, Session session,
			int type) {
		this.handlerMethod = Objects.requireNonNull(handlerMethod, "handlerMethod");
		this.route = Objects.requireNonNull(route, "route");
		this.session = Objects.requireNonNull(session, "session");
		this.type = type;
	}

	/**
	 * Returns the handler method.
	 * @return the handler method
	 */
	public PacketHandlerMethod getHandlerMethod() {
		return this.handlerMethod;
	}

	/**
	 * Returns the route: the mapped message type, or {@code default}; bounded, unlike {@link #getType()}.
	 * @return the route
	 */
	public String getRoute() {
		return this.route;
	}

	/**
	 * Returns the session the frame arrived on.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * Returns the frame's message type (unsigned; 0 when routing is off).
	 * @return the message type
	 */
	public int getType() {
		return this.type;
	}

}
