package io.packnet.handler;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.packnet.codec.TypeField;
import io.packnet.session.Session;

/**
 * Routes by the unsigned integer type field at the start of each payload and consumes it.
 */
public final class TypeFieldRouter implements PacketRouter {

	private final TypeField typeField;

	/**
	 * Creates a router.
	 * @param typeField the field; must be present (1, 2 or 4 bytes)
	 */
	public TypeFieldRouter(TypeField typeField) {
		this.typeField = Objects.requireNonNull(typeField, "typeField");
		if (!typeField.isPresent()) {
			throw new IllegalArgumentException("TypeFieldRouter needs a type field of 1, 2 or 4 bytes");
		}
	}

	/**
	 * Returns the type field read.
	 * @return the type field
	 */
	public TypeField typeField() {
		return this.typeField;
	}

	@Override
	public int route(Session session, ByteBuf payload) {
		if (payload.readableBytes() < this.typeField.size()) {
			throw new InvalidPacketException("frame of " + payload.readableBytes() + " bytes is shorter than the "
					+ this.typeField.size() + "-byte type field (packnet.routing.type-field-size)");
		}
		return this.typeField.read(payload);
	}

	@Override
	public String toString() {
		return "type field (" + this.typeField.size() + " bytes, " + this.typeField.byteOrder() + ")";
	}

}
