package io.packnet.handler;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The routes of the {@link PacketHandlerDispatcher}: which method handles which message type. Filled
 * in when the application context has created its singletons; read by the actuator endpoint.
 */
public final class PacketHandlerMappings {

	private volatile List<Mapping> mappings = List.of();

	private volatile String routing = "off";

	PacketHandlerMappings() {
	}

	void update(List<Mapping> mappings, String routing) {
		this.mappings = List.copyOf(mappings);
		this.routing = routing;
	}

	/**
	 * Returns every mapping, typed ones in ascending unsigned type order, the default route last.
	 * @return the mappings
	 */
	public List<Mapping> mappings() {
		return this.mappings;
	}

	/**
	 * Describes how frames are routed: {@code off}, the type field, or the router bean.
	 * @return the routing description
	 */
	public String routing() {
		return this.routing;
	}

	/**
	 * Finds the mapping of a message type.
	 * @param type the type, unsigned
	 * @return the mapping that handles it (possibly the default route), or {@code null}
	 */
	public @Nullable Mapping find(long type) {
		Mapping fallback = null;
		for (Mapping mapping : this.mappings) {
			if (mapping.type() == null) {
				fallback = mapping;
			}
			else if (mapping.type() == type) {
				return mapping;
			}
		}
		return fallback;
	}

	/**
	 * One route.
	 *
	 * @param type the message type as an unsigned value, or {@code null} for the default route
	 * @param replyType the type replies carry, or {@code null} for the request's own
	 * @param handler the handler method
	 */
	public record Mapping(@Nullable Long type, @Nullable Long replyType, PacketHandlerMethod handler) {

		/**
		 * Validates the components.
		 * @param type the message type
		 * @param replyType the reply type
		 * @param handler the handler method
		 */
		public Mapping {
			Objects.requireNonNull(handler, "handler");
		}

		/**
		 * Tells whether this is the default route.
		 * @return {@code true} for the mapping without a type
		 */
		public boolean isDefault() {
			return this.type == null;
		}

		@Override
		public String toString() {
			return ((this.type != null) ? String.valueOf(this.type) : "default") + " -> " + this.handler.description();
		}

	}

}
