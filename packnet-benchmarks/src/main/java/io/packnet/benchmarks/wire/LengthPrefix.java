package io.packnet.benchmarks.wire;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The length prefix of every frame: an unsigned payload length of {@code size} bytes (1, 2, 3, 4 or 8)
 * in {@code order}, not counting the prefix itself (Erlang's {@code {packet, N}}).
 *
 * @param size the prefix size in bytes
 * @param order the byte order of the prefix
 */
public record LengthPrefix(int size, ByteOrder order) {

	/** The default: 4 bytes, big-endian. */
	public static final LengthPrefix DEFAULT = new LengthPrefix(4, ByteOrder.BIG_ENDIAN);

	public LengthPrefix {
		Objects.requireNonNull(order, "order");
		if (size != 1 && size != 2 && size != 3 && size != 4 && size != 8) {
			throw new IllegalArgumentException("Length prefix size must be 1, 2, 3, 4 or 8 bytes, not " + size);
		}
	}

	/** Parses a byte order named {@code big}, {@code little}, {@code BIG_ENDIAN} or {@code LITTLE_ENDIAN}. */
	public static ByteOrder parseByteOrder(String name) {
		Objects.requireNonNull(name, "name");
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case "big", "big_endian", "be" -> ByteOrder.BIG_ENDIAN;
			case "little", "little_endian", "le" -> ByteOrder.LITTLE_ENDIAN;
			default -> throw new IllegalArgumentException("Unknown byte order '" + name + "' (big or little)");
		};
	}

	/** The largest payload the prefix can describe, capped at {@link Integer#MAX_VALUE}. */
	public int maxPayloadSize() {
		return (size >= 4) ? Integer.MAX_VALUE : (1 << (8 * size)) - 1;
	}

	/** A decoder that strips the prefix and emits the payload, failing on payloads above {@code maxPayloadSize}. */
	public LengthFieldBasedFrameDecoder newDecoder(int maxPayloadSize) {
		return new LengthFieldBasedFrameDecoder(order, maxPayloadSize + size, 0, size, 0, size, true);
	}

	/** An encoder that prepends the prefix to each outbound payload. */
	public LengthFieldPrepender newPrepender() {
		return new LengthFieldPrepender(order, size, 0, false);
	}

	/** Writes the prefix for a payload of {@code payloadLength} bytes into {@code out}. */
	public void writeLength(ByteBuf out, int payloadLength) {
		Objects.requireNonNull(out, "out");
		if (payloadLength < 0 || payloadLength > maxPayloadSize()) {
			throw new IllegalArgumentException("Payload length " + payloadLength + " does not fit a " + this);
		}
		boolean big = order == ByteOrder.BIG_ENDIAN;
		switch (size) {
			case 1 -> out.writeByte(payloadLength);
			case 2 -> {
				if (big) out.writeShort(payloadLength); else out.writeShortLE(payloadLength);
			}
			case 3 -> {
				if (big) out.writeMedium(payloadLength); else out.writeMediumLE(payloadLength);
			}
			case 4 -> {
				if (big) out.writeInt(payloadLength); else out.writeIntLE(payloadLength);
			}
			default -> {
				if (big) out.writeLong(payloadLength); else out.writeLongLE(payloadLength);
			}
		}
	}

	@Override
	public String toString() {
		return size + "B-" + ((order == ByteOrder.BIG_ENDIAN) ? "BE" : "LE");
	}

}
