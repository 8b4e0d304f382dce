package io.packnet.protocol;

import java.nio.ByteOrder;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Erlang's {@code {packet, N}} framing: an unsigned N-byte length (N = 1, 2, 3, 4 or 8) in either
 * byte order, then the payload. The default protocol.
 * <p>The effective maximum frame size is the configured one, capped at what the header can express
 * (255 bytes for a 1-byte header, 65,535 for 2 bytes, 16 MiB - 1 for 3 bytes).
 */
public final class LengthFieldProtocol implements PacketProtocol {

	private final int headerSize;

	private final ByteOrder byteOrder;

	private final int maxFrameSize;

	private final boolean lengthIncludesHeader;

	/**
	 * Creates a length-field protocol.
	 * @param headerSize bytes in the length header: 1, 2, 3, 4 or 8
	 * @param byteOrder the byte order of the length header
	 * @param maxFrameSize the largest payload accepted or sent, in bytes (at least 1)
	 * @param lengthIncludesHeader whether the length counts the header's own bytes
	 */
	public LengthFieldProtocol(int headerSize, ByteOrder byteOrder, int maxFrameSize, boolean lengthIncludesHeader) {
		if (headerSize != 1 && headerSize != 2 && headerSize != 3 && headerSize != 4 && headerSize != 8) {
			throw new IllegalArgumentException("headerSize must be one of 1, 2, 3, 4, 8 but was " + headerSize);
		}
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be positive but was " + maxFrameSize);
		}
		this.headerSize = headerSize;
		this.byteOrder = java.util.Objects.requireNonNull(byteOrder, "byteOrder");
		this.lengthIncludesHeader = lengthIncludesHeader;
		long headerCapacity = (headerSize >= 4) ? Integer.MAX_VALUE : (1L << (8 * headerSize)) - 1;
		if (lengthIncludesHeader) {
			headerCapacity -= headerSize;
		}
		this.maxFrameSize = (int) Math.min(maxFrameSize, headerCapacity);
	}

	/**
	 * Creates the default framing: 4-byte big-endian length, 1 MiB maximum, length excludes the header.
	 * @return the default protocol
	 */
	public static LengthFieldProtocol defaults() {
		return new LengthFieldProtocol(4, ByteOrder.BIG_ENDIAN, 1024 * 1024, false);
	}

	@Override
	public @Nullable ByteBuf decode(ByteBuf in) {
		if (in.readableBytes() < this.headerSize) {
			return null;
		}
		long length = readLength(in, in.readerIndex());
		long payloadLength = this.lengthIncludesHeader ? length - this.headerSize : length;
		if (length < 0 || payloadLength > this.maxFrameSize) {
			// unsigned 8-byte lengths of 2^63 or more read as negative: too large, never allocated
			throw new FrameTooLargeException(payloadLength, this.maxFrameSize);
		}
		if (payloadLength < 0) {
			throw new CorruptedFrameException(
					"Length field " + length + " is smaller than the " + this.headerSize + "-byte header it includes");
		}
		if (in.readableBytes() - this.headerSize < payloadLength) {
			return null;
		}
		in.skipBytes(this.headerSize);
		return in.readRetainedSlice((int) payloadLength);
	}

	private long readLength(ByteBuf in, int index) {
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		return switch (this.headerSize) {
			case 1 -> in.getUnsignedByte(index);
			case 2 -> big ? in.getUnsignedShort(index) : in.getUnsignedShortLE(index);
			case 3 -> big ? in.getUnsignedMedium(index) : in.getUnsignedMediumLE(index);
			case 4 -> big ? in.getUnsignedInt(index) : in.getUnsignedIntLE(index);
			default -> big ? in.getLong(index) : in.getLongLE(index);
		};
	}

	@Override
	public void encode(ByteBufAllocator alloc, ByteBuf payload, List<Object> out) {
		int payloadLength = payload.readableBytes();
		if (payloadLength > this.maxFrameSize) {
			payload.release();
			throw new FrameTooLargeException(payloadLength, this.maxFrameSize);
		}
		long length = this.lengthIncludesHeader ? payloadLength + this.headerSize : payloadLength;
		ByteBuf header = alloc.ioBuffer(this.headerSize);
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		switch (this.headerSize) {
			case 1 -> header.writeByte((int) length);
			case 2 -> {
				if (big) {
					header.writeShort((int) length);
				}
				else {
					header.writeShortLE((int) length);
				}
			}
			case 3 -> {
				if (big) {
					header.writeMedium((int) length);
				}
				else {
					header.writeMediumLE((int) length);
				}
			}
			case 4 -> {
				if (big) {
					header.writeInt((int) length);
				}
				else {
					header.writeIntLE((int) length);
				}
			}
			default -> {
				if (big) {
					header.writeLong(length);
				}
				else {
					header.writeLongLE(length);
				}
			}
		}
		out.add(header);
		out.add(payload);
	}

	@Override
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	/**
	 * Returns the number of bytes in the length header.
	 * @return 1, 2, 3, 4 or 8
	 */
	public int headerSize() {
		return this.headerSize;
	}

	/**
	 * Returns the byte order of the length header.
	 * @return the byte order
	 */
	public ByteOrder byteOrder() {
		return this.byteOrder;
	}

	@Override
	public String description() {
		return "length-field(" + this.headerSize + " bytes, "
				+ (this.byteOrder == ByteOrder.BIG_ENDIAN ? "big" : "little") + "-endian, max "
				+ this.maxFrameSize + " bytes" + (this.lengthIncludesHeader ? ", length includes header" : "") + ")";
	}

	@Override
	public String toString() {
		return description();
	}

}
