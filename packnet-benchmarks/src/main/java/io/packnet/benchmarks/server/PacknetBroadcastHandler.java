package io.packnet.benchmarks.server;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.packnet.benchmarks.wire.BroadcastWire;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.session.Session;

/**
 * The {@linkplain BroadcastWire broadcast convention} on packnet's {@link BroadcastTemplate}: JOIN joins
 * the single group and is answered, BROADCAST goes to every other member byte for byte, encoded once.
 * Runs without a type field; the opcode is the payload's first byte.
 */
@PacketHandler
public class PacknetBroadcastHandler {

	/** The group every receiver joins. */
	static final String GROUP = "bench";

	private static final byte[] JOINED = { BroadcastWire.JOIN };

	private final BroadcastTemplate broadcast;

	public PacknetBroadcastHandler(BroadcastTemplate broadcast) {
		this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
	}

	@PacketMapping
	public void onFrame(Session session, ByteBuf frame) {
		byte opcode = (frame.readableBytes() > 0) ? frame.getByte(frame.readerIndex()) : 0;
		if (opcode == BroadcastWire.BROADCAST) {
			// the frame is valid during the call only; the template owns (and releases) what it is given
			this.broadcast.broadcast(GROUP, frame.retain(), session);
		}
		else if (opcode == BroadcastWire.JOIN && frame.readableBytes() == BroadcastWire.JOIN_PAYLOAD_SIZE) {
			// queued on this session's event loop before the membership exists, so before any broadcast
			session.send(JOINED);
			this.broadcast.join(GROUP, session);
		}
		else {
			throw new IllegalArgumentException(
					"unknown opcode " + opcode + " in a frame of " + frame.readableBytes() + " bytes");
		}
	}

}
