package io.packnet.benchmarks.wire;

/**
 * Opcodes of the broadcast benchmark convention; see the {@linkplain io.packnet.benchmarks.wire package
 * documentation} for the full convention.
 */
public final class BroadcastWire {

	/** Client to server: join the broadcast group. The server answers with a one-byte {@code JOIN} frame. */
	public static final byte JOIN = 0x01;

	/** Client to server: deliver this frame, unchanged, to every joined member except the sender. */
	public static final byte BROADCAST = 0x02;

	/** Size of the {@code JOIN} payload (and of its acknowledgement): just the opcode. */
	public static final int JOIN_PAYLOAD_SIZE = 1;

	private BroadcastWire() {
	}

}
