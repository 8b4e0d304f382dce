package io.packnet.codec;

import java.nio.ByteOrder;
import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The optional message-type field at the start of each payload: an unsigned integer of 0 (none),
 * 1, 2 or 4 bytes in the protocol's byte order ({@code packnet.routing.type-field-size}).
 *
 * @param size the field's size in bytes: 0, 1, 2 or 4
 * @param byteOrder its byte order
 */
public record TypeField(int size, ByteOrder byteOrder) {

	/** No type field: payloads are the application's bytes only. */
	public static final TypeField NONE = new TypeField(0, ByteOrder.BIG_ENDIAN);

	/**
	 * Validates the field.
	 * @param size the field's size in bytes: 0, 1, 2 or 4
	 * @param byteOrder its byte order
	 */
	public TypeField {
		if (size != 0 && size != 1 && size != 2 && size != 4) {
			throw new IllegalArgumentException("type field size must be one of 0, 1, 2, 4 but was " + size);
		}
		Objects.requireNonNull(byteOrder, "byteOrder");
	}

	/**
	 * Tells whether payloads carry a type field.
	 * @return {@code size() > 0}
	 */
	public boolean isPresent() {
		return this.size > 0;
	}

	/**
	 * Returns the largest type this field can carry.
	 * @return the maximum type value
	 */
	public long maxType() {
		return (this.size == 4) ? 0xFFFFFFFFL : (1L << (8 * this.size)) - 1;
	}

	/**
	 * Reads and consumes the type field.
	 * @param payload the payload, positioned at the type field
	 * @return the type, as an unsigned value in an int (4-byte types above 2^31 read negative)
	 * @throws IndexOutOfBoundsException if the payload is shorter than the field
	 */
	public int read(ByteBuf payload) {
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		return switch (this.size) {
			case 1 -> payload.readUnsignedByte();
			case 2 -> big ? payload.readUnsignedShort() : payload.readUnsignedShortLE();
			case 4 -> big ? payload.readInt() : payload.readIntLE();
			default -> throw new IllegalStateException("No type field configured (packnet.routing.type-field-size=0)");
		};
	}

	/**
	 * Appends a type field.
	 * @param out the buffer
	 * @param type the type
	 * @throws IllegalArgumentException if the type does not fit the field
	 */
	public void write(ByteBuf out, int type) {
		if (this.size < 4 && (type < 0 || type > maxType())) {
			throw new IllegalArgumentException(
					"Message type " + type + " does not fit a " + this.size + "-byte type field (max " + maxType() + ")");
		}
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		switch (this.size) {
			case 1 -> out.writeByte(type);
			case 2 -> {
				if (big) {
					out.writeShort(type);
				}
				else {
					out.writeShortLE(type);
				}
			}
			case 4 -> {
				if (big) {
					out.writeInt(type);
				}
				else {
					out.writeIntLE(type);
				}
			}
			default -> throw new IllegalStateException(
					"Cannot send a message type: no type field configured (packnet.routing.type-field-size=0)");
		}
	}

}
