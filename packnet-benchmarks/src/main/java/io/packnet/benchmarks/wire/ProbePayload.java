package io.packnet.benchmarks.wire;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Layout of the payloads the load generator sends: {@code [prefix][sequence: 8][sent nanos: 8][filler]}.
 * The prefix is the type field (echo) or the opcode (broadcast); the filler is a fixed per-stream
 * pattern so that a corrupted or misrouted byte anywhere in the payload is noticed.
 */
public final class ProbePayload {

	/** Bytes taken by the sequence number and the timestamp. */
	public static final int FIXED_FIELDS_SIZE = 16;

	private final int payloadSize;

	private final int prefixSize;

	private final ByteBuf filler;

	/**
	 * @param payloadSize the total payload size
	 * @param prefixSize the bytes before the sequence number (type field or opcode)
	 * @param streamId seeds the filler pattern, so streams differ
	 */
	public ProbePayload(int payloadSize, int prefixSize, int streamId) {
		if (prefixSize < 0) {
			throw new IllegalArgumentException("prefixSize must be >= 0");
		}
		if (payloadSize < minimumSize(prefixSize)) {
			throw new IllegalArgumentException("Payload size " + payloadSize + " is below the minimum of "
					+ minimumSize(prefixSize) + " bytes (" + prefixSize + " prefix + 8 sequence + 8 timestamp)");
		}
		this.payloadSize = payloadSize;
		this.prefixSize = prefixSize;
		int fillerSize = payloadSize - prefixSize - FIXED_FIELDS_SIZE;
		this.filler = Unpooled.unreleasableBuffer(Unpooled.buffer(fillerSize, fillerSize));
		for (int i = 0; i < fillerSize; i++) {
			this.filler.writeByte(streamId * 31 + i * 7 + 1);
		}
	}

	/** The smallest payload with a {@code prefixSize}-byte prefix. */
	public static int minimumSize(int prefixSize) {
		return prefixSize + FIXED_FIELDS_SIZE;
	}

	public int payloadSize() {
		return payloadSize;
	}

	/** Writes sequence, timestamp and filler after a prefix the caller has already written. */
	public void writeBody(ByteBuf out, long sequence, long sentNanos) {
		Objects.requireNonNull(out, "out");
		out.writeLong(sequence);
		out.writeLong(sentNanos);
		out.writeBytes(filler, filler.readerIndex(), filler.readableBytes());
	}

	/** The sequence number of a received payload (reader index untouched). */
	public long sequence(ByteBuf payload) {
		return payload.getLong(payload.readerIndex() + prefixSize);
	}

	/** The send timestamp of a received payload (reader index untouched). */
	public long sentNanos(ByteBuf payload) {
		return payload.getLong(payload.readerIndex() + prefixSize + 8);
	}

	/** Whether the filler of a received payload is intact (reader index untouched). */
	public boolean fillerIntact(ByteBuf payload) {
		int fillerStart = payload.readerIndex() + prefixSize + FIXED_FIELDS_SIZE;
		return ByteBufUtil.equals(payload, fillerStart, filler, filler.readerIndex(), filler.readableBytes());
	}

}
