package io.packnet.hostile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.session.Session;

/**
 * The application of the hostile and soak tests, on a 1-byte type field: 1 joins the group named
 * by the payload, 2 echoes, 3 broadcasts the payload to group {@value #GROUP} as type 4, 5 throws.
 * Counts the echoes it handled per session.
 */
@PacketHandler
public class HostileTestHandler {

	public static final String GROUP = "soak";

	public static final int JOIN = 1;

	public static final int ECHO = 2;

	public static final int PUBLISH = 3;

	public static final int PUBLISHED = 4;

	public static final int FAIL = 5;

	public final Map<Long, AtomicInteger> echoed = new ConcurrentHashMap<>();

	private final BroadcastTemplate broadcast;

	public HostileTestHandler(BroadcastTemplate broadcast) {
		this.broadcast = broadcast;
	}

	@PacketMapping(JOIN)
	String join(Session session, String group) {
		this.broadcast.join(group, session);
		return "joined " + group;
	}

	@PacketMapping(ECHO)
	ByteBuf echo(Session session, ByteBuf payload) {
		this.echoed.computeIfAbsent(session.id(), (id) -> new AtomicInteger()).incrementAndGet();
		return payload;
	}

	@PacketMapping(PUBLISH)
	void publish(ByteBuf payload) {
		this.broadcast.broadcast(GROUP, PUBLISHED, payload.retain());
	}

	@PacketMapping(FAIL)
	void fail(byte[] payload) {
		throw new IllegalStateException("handler bug on a frame of " + payload.length + " bytes");
	}

	/** @return echoes handled for a session */
	public int echoedFor(long sessionId) {
		AtomicInteger count = this.echoed.get(sessionId);
		return (count != null) ? count.get() : 0;
	}

}
