package io.packnet.protocol;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * Line-delimited frames: each frame ends with {@code \n}; a {@code \r} before it is dropped on
 * decode. Sent frames get a {@code \n} appended. Handy for text protocols and telnet debugging.
 */
public final class LineProtocol implements PacketProtocol {

	private final int maxFrameSize;

	private final ByteBuf newline = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] { '\n' }));

	/**
	 * Creates a line protocol.
	 * @param maxFrameSize the longest line accepted or sent, in bytes, without its line ending
	 */
	public LineProtocol(int maxFrameSize) {
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be positive but was " + maxFrameSize);
		}
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public @Nullable ByteBuf decode(ByteBuf in) {
		int start = in.readerIndex();
		// scan at most max + "\r\n": a longer line is rejected before it is buffered further
		int scanEnd = (int) Math.min(in.writerIndex(), (long) start + this.maxFrameSize + 2);
		int eol = in.indexOf(start, scanEnd, (byte) '\n');
		if (eol < 0) {
			if (in.readableBytes() > this.maxFrameSize + 1) {
				throw new FrameTooLargeException(in.readableBytes(), this.maxFrameSize);
			}
			return null;
		}
		int end = (eol > start && in.getByte(eol - 1) == '\r') ? eol - 1 : eol;
		int length = end - start;
		if (length > this.maxFrameSize) {
			throw new FrameTooLargeException(length, this.maxFrameSize);
		}
		ByteBuf line = in.retainedSlice(start, length);
		in.readerIndex(eol + 1);
		return line;
	}

	@Override
	public void encode(ByteBufAllocator alloc, ByteBuf payload, List<Object> out) {
		if (payload.readableBytes() > this.maxFrameSize) {
			int size = payload.readableBytes();
			payload.release();
			throw new FrameTooLargeException(size, this.maxFrameSize);
		}
		out.add(payload);
		out.add(this.newline.duplicate());
	}

	@Override
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	@Override
	public String description() {
		return "line(max " + this.maxFrameSize + " bytes)";
	}

	@Override
	public String toString() {
		return description();
	}

}
