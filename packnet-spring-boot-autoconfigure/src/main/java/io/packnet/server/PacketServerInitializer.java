package io.packnet.server;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.packnet.protocol.FrameDecoder;
import io.packnet.protocol.FrameEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.stats.PacknetStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Builds each accepted connection's pipeline, or refuses the connection when a connection limit is
 * reached (it then never becomes a session).
 */
final class PacketServerInitializer extends ChannelInitializer<SocketChannel> {

	static final String SSL = "packnet.ssl";

	static final String IDLE_STATE = "packnet.idleState";

	static final String FRAME_DECODER = "packnet.frameDecoder";

	static final String FRAME_ENCODER = "packnet.frameEncoder";

	static final String FLUSH_CONSOLIDATION = "packnet.flushConsolidation";

	static final String SESSION = "packnet.session";

	private static final Log logger = LogFactory.getLog(PacketServerInitializer.class);

	private final PacketProtocol protocol;

	private final FrameEncoder frameEncoder;

	private final ServerOptions options;

	private final ConnectionLimiter limiter;

	private final SessionServices services;

	private final ChannelGroup channels;

	private final BooleanSupplier stopping;

	PacketServerInitializer(PacketProtocol protocol, ServerOptions options, SessionServices services,
			ChannelGroup channels, BooleanSupplier stopping) {
		this.protocol = protocol;
		this.frameEncoder = new FrameEncoder(protocol);
		this.options = options;
		this.limiter = new ConnectionLimiter(options.getMaxConnections(), options.getMaxConnectionsPerIp());
		this.services = services;
		this.channels = channels;
		this.stopping = stopping;
	}

	@Override
	protected void initChannel(SocketChannel channel) {
		// add first, then check: a connection accepted while the server stops is closed by one or the other
		this.channels.add(channel);
		if (this.stopping.getAsBoolean()) {
			channel.close();
			return;
		}
		if (!this.limiter.tryAcquire(channel)) {
			PacknetStatistics statistics = this.services.statistics();
			statistics.connectionRejected();
			if (logger.isDebugEnabled()) {
				logger.debug("Refused connection from " + channel.remoteAddress()
						+ ": packnet.server.max-connections or max-connections-per-ip reached");
			}
			channel.close();
			return;
		}
		// inbound: [tls] -> [idle] -> frame decoder -> session handler
		// outbound: flush consolidation -> frame encoder -> [tls]
		ChannelPipeline pipeline = channel.pipeline();
		SslContext sslContext = this.options.getSslContext();
		if (sslContext != null) {
			SslHandler ssl = sslContext.newHandler(channel.alloc());
			ssl.setHandshakeTimeoutMillis(this.options.getSslHandshakeTimeout().toMillis());
			pipeline.addLast(SSL, ssl);
		}
		long idleMillis = this.options.getIdleTimeout().toMillis();
		if (idleMillis > 0) {
			pipeline.addLast(IDLE_STATE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
		}
		pipeline.addLast(FRAME_DECODER, new FrameDecoder(this.protocol, this.options.getFrameTimeout()));
		pipeline.addLast(FRAME_ENCODER, this.frameEncoder);
		// replies written while reading are flushed once per read batch, not once per frame
		pipeline.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, false));
		pipeline.addLast(SESSION, new SessionHandler(this.services));
	}

}
