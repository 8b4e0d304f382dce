package io.packnet.protocol;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * How a byte stream is cut into frames and how a frame is put on the wire (the original library's
 * {@code PacketProtocol}). Implementations are shared by every connection, so they must be stateless.
 * A {@code PacketProtocol} bean replaces the framing configured by {@code packnet.protocol.*}.
 */
public interface PacketProtocol {

	/**
	 * Cuts the next frame off {@code in}.
	 * <p>Implementations decide from the header alone whether the frame is acceptable, so a claimed
	 * length is never allocated or buffered before it is checked.
	 * @param in the bytes received so far; consumed only when a whole frame is returned
	 * @return the frame's payload (a retained slice of {@code in}, owned by the caller), or
	 * {@code null} when more bytes are needed
	 * @throws FrameTooLargeException when the frame is larger than {@link #maxFrameSize()}
	 * @throws io.netty.handler.codec.CorruptedFrameException when the bytes cannot be a frame
	 */
	@Nullable ByteBuf decode(ByteBuf in);

	/**
	 * Frames {@code payload}, adding the buffers that go on the wire to {@code out} in order.
	 * @param alloc the allocator for headers or trailers
	 * @param payload the payload; ownership passes to this method (add it to {@code out} or release it)
	 * @param out receives the header, the payload and any trailer
	 */
	void encode(ByteBufAllocator alloc, ByteBuf payload, List<Object> out);

	/**
	 * Returns the largest payload, in bytes, this protocol accepts and sends.
	 * @return the maximum payload size
	 */
	int maxFrameSize();

	/**
	 * Returns a short human-readable description used in logs and health details.
	 * @return the description, for example {@code length-field(4 bytes, big-endian, max 1048576 bytes)}
	 */
	String description();

}
