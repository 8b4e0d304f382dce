package io.packnet.protocol;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Frames prefixed by their length as a base-128 varint32, as protobuf's delimited streams use
 * ({@code writeDelimitedTo}/{@code parseDelimitedFrom}).
 */
public final class Varint32Protocol implements PacketProtocol {

	private static final int MAX_VARINT32_BYTES = 5;

	private final int maxFrameSize;

	/**
	 * Creates a varint32 protocol.
	 * @param maxFrameSize the largest payload accepted or sent, in bytes
	 */
	public Varint32Protocol(int maxFrameSize) {
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be positive but was " + maxFrameSize);
		}
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public @Nullable ByteBuf decode(ByteBuf in) {
		int index = in.readerIndex();
		long length = 0;
		int headerSize = 0;
		while (true) {
			if (headerSize == MAX_VARINT32_BYTES) {
				throw new CorruptedFrameException("Malformed varint32 length: more than 5 bytes");
			}
			if (index + headerSize >= in.writerIndex()) {
				return null;
			}
			byte b = in.getByte(index + headerSize);
			length |= (long) (b & 0x7F) << (7 * headerSize);
			headerSize++;
			if (b >= 0) {
				break;
			}
		}
		if (length > this.maxFrameSize) {
			throw new FrameTooLargeException(length, this.maxFrameSize);
		}
		if (in.readableBytes() - headerSize < length) {
			return null;
		}
		in.skipBytes(headerSize);
		return in.readRetainedSlice((int) length);
	}

	@Override
	public void encode(ByteBufAllocator alloc, ByteBuf payload, List<Object> out) {
		int length = payload.readableBytes();
		if (length > this.maxFrameSize) {
			payload.release();
			throw new FrameTooLargeException(length, this.maxFrameSize);
		}
		ByteBuf header = alloc.ioBuffer(MAX_VARINT32_BYTES);
		int value = length;
		while ((value & ~0x7F) != 0) {
			header.writeByte((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		header.writeByte(value);
		out.add(header);
		out.add(payload);
	}

	@Override
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	@Override
	public String description() {
		return "varint32(max " + this.maxFrameSize + " bytes)";
	}

	@Override
	public String toString() {
		return description();
	}

}
