package io.packnet.support;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketDispatcher;
import io.packnet.server.PacketServer;
import io.packnet.server.ServerOptions;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;

/**
 * A plain (no Spring) packet server on 127.0.0.1, port 0, recording session events.
 */
public final class TestServer implements AutoCloseable {

	/** Echoes every frame back on the same session without copying it. */
	public static final PacketDispatcher ECHO = (session, frame) -> ((ChannelSession) session)
		.sendPayload(frame.retain());

	public final PacketServer server;

	public final SessionRegistry registry;

	public final PacknetStatistics statistics = new PacknetStatistics();

	public final BlockingQueue<Session> started = new LinkedBlockingQueue<>();

	public final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();

	public record Closed(Session session, CloseReason reason, @Nullable Throwable cause) {
	}

	public TestServer(PacketProtocol protocol, ServerOptions options, PacketDispatcher dispatcher) {
		this(protocol, options, dispatcher, List.of(), new SessionRegistry());
	}

	/**
	 * A server on a given registry whose sessions are also reported to {@code listeners} (a broadcast
	 * template's, say), before the recorder.
	 */
	public TestServer(PacketProtocol protocol, ServerOptions options, PacketDispatcher dispatcher,
			List<SessionListener> listeners, SessionRegistry registry) {
		this.registry = registry;
		SessionListener recorder = new SessionListener() {
			@Override
			public void sessionStarted(Session session) {
				started.add(session);
			}

			@Override
			public void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
				closed.add(new Closed(session, reason, cause));
			}
		};
		List<SessionListener> all = new java.util.ArrayList<>(listeners);
		all.add(recorder);
		this.server = new PacketServer(options.host("127.0.0.1").port(0), protocol, dispatcher, this.registry,
				MessageEncoder.plain(), all, this.statistics);
		this.server.start();
	}

	public TestServer(PacketProtocol protocol) {
		this(protocol, new ServerOptions(), ECHO);
	}

	public int port() {
		return this.server.port();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
