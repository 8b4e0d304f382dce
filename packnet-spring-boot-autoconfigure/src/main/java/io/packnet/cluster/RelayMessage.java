package io.packnet.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * One message on the relay's Redis channels: a header, then the frame exactly as the origin encoded
 * it, so the receiving servers write it to their members without encoding again. Big-endian layout:
 * <pre>
 * 0  version (1 byte)       1  kind (1 byte)            2  origin node id (4)   6  origin instance (4)
 * 10 sequence (8)           18 target session id (8)    26 payload size (4)     30 group length n (4)
 * 34 group, UTF-8 (n)       34 + n: the frame
 * </pre>
 * The sequence, per origin run, grows with every published message (written just before
 * publishing), so a receiver drops a message Redis delivers twice. The target is the session to
 * leave out of a broadcast, or the session a send is for.
 */
final class RelayMessage {

	static final byte VERSION = 1;

	static final int SEQUENCE_OFFSET = 10;

	static final int HEADER_SIZE = 34;

	final Kind kind;

	final int originNode;

	final int originInstance;

	final long sequence;

	final long target;

	final int payloadSize;

	final @Nullable String group;

	final byte[] bytes;

	final int frameOffset;

	private RelayMessage(Kind kind, int originNode, int originInstance, long sequence, long target,
			int payloadSize, @Nullable String group, byte[] bytes, int frameOffset) {
		this.kind = kind;
		this.originNode = originNode;
		this.originInstance = originInstance;
		this.sequence = sequence;
		this.target = target;
		this.payloadSize = payloadSize;
		this.group = group;
		this.bytes = bytes;
		this.frameOffset = frameOffset;
	}

	/** @return the length of the frame */
	int frameLength() {
		return this.bytes.length - this.frameOffset;
	}

	/**
	 * Encodes a message; its sequence is 0 until {@link #setSequence} writes it.
	 * @param kind the kind
	 * @param origin the node sending it
	 * @param target the session left out or addressed
	 * @param group the group (kind {@code GROUP} only)
	 * @param frame the frame, from its reader index (not consumed)
	 * @param payloadSize the size of the payload inside the frame
	 * @return the message bytes
	 */
	static byte[] encode(Kind kind, ClusterNode origin, long target, @Nullable String group, ByteBuf frame,
			int payloadSize) {
		byte[] groupBytes = (group != null) ? group.getBytes(StandardCharsets.UTF_8) : new byte[0];
		int frameLength = frame.readableBytes();
		byte[] bytes = new byte[HEADER_SIZE + groupBytes.length + frameLength];
		ByteBuffer.wrap(bytes)
			.put(VERSION)
			.put(kind.code)
			.putInt(origin.id())
			.putInt(origin.instance())
			.putLong(0)
			.putLong(target)
			.putInt(payloadSize)
			.putInt(groupBytes.length)
			.put(groupBytes);
		frame.getBytes(frame.readerIndex(), bytes, HEADER_SIZE + groupBytes.length, frameLength);
		return bytes;
	}

	/**
	 * Writes the sequence number into encoded message bytes.
	 * @param bytes the message
	 * @param sequence the sequence number
	 */
	static void setSequence(byte[] bytes, long sequence) {
		ByteBuffer.wrap(bytes).putLong(SEQUENCE_OFFSET, sequence);
	}

	/**
	 * Decodes message bytes (kept, not copied).
	 * @param bytes the message
	 * @return the message
	 * @throws IllegalArgumentException if the bytes are not a message of this version
	 */
	static RelayMessage decode(byte[] bytes) {
		if (bytes.length < HEADER_SIZE) {
			throw new IllegalArgumentException("Relay message of " + bytes.length + " bytes is shorter than its header");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes);
		byte version = in.get();
		if (version != VERSION) {
			throw new IllegalArgumentException("Relay message version " + version + " is not " + VERSION);
		}
		Kind kind = Kind.of(in.get());
		int originNode = in.getInt();
		int originInstance = in.getInt();
		long sequence = in.getLong();
		long target = in.getLong();
		int payloadSize = in.getInt();
		int groupLength = in.getInt();
		if (groupLength < 0 || groupLength > bytes.length - HEADER_SIZE || payloadSize < 0) {
			throw new IllegalArgumentException("Relay message header is corrupt (group length " + groupLength
					+ ", payload size " + payloadSize + ", " + bytes.length + " bytes)");
		}
		String group = null;
		if (kind == Kind.GROUP) {
			if (groupLength == 0) {
				throw new IllegalArgumentException("Relay message to a group has no group name");
			}
			group = new String(bytes, HEADER_SIZE, groupLength, StandardCharsets.UTF_8);
		}
		return new RelayMessage(kind, originNode, originInstance, sequence, target, payloadSize, group, bytes,
				HEADER_SIZE + groupLength);
	}

	/** What a message asks of its receivers. */
	enum Kind {

		/** Deliver to the receiver's members of a group. */
		GROUP(1),

		/** Deliver to every session of the receiver. */
		ALL(2),

		/** Deliver to one session of the receiver. */
		SESSION(3),

		/** Nothing: a node's check of its own subscription. */
		HEARTBEAT(4);

		final byte code;

		Kind(int code) {
			this.code = (byte) code;
		}

		static Kind of(byte code) {
			for (Kind kind : values()) {
				if (kind.code == code) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown relay message kind " + code);
		}

	}

}
