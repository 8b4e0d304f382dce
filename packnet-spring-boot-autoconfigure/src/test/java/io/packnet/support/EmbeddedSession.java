package io.packnet.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.packnet.codec.MessageEncoder;
import io.packnet.server.PacketDispatcher;
import io.packnet.session.ChannelSession;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChannelSession} over an {@link EmbeddedChannel}: replies come out as payloads (no
 * framing), close reasons are real, and nothing touches a socket.
 */
public final class EmbeddedSession implements AutoCloseable {

	public final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());

	public final ChannelSession session;

	public EmbeddedSession(MessageEncoder encoder) {
		ChannelHandlerContext context = this.channel.pipeline().firstContext();
		this.session = new ChannelSession(1, context, encoder,
				new SessionSettings(1 << 20, 1 << 22, OverflowPolicy.CLOSE, Duration.ofSeconds(1)),
				new PacknetStatistics());
	}

	/** Dispatches a frame the way the server does: on "the loop", released afterwards. */
	public void dispatch(PacketDispatcher dispatcher, byte... frame) {
		ByteBuf buffer = Unpooled.wrappedBuffer(frame);
		try {
			dispatcher.dispatch(this.session, buffer);
		}
		finally {
			buffer.release();
		}
		this.channel.runPendingTasks();
	}

	/** Returns the next non-empty payload written, or {@code null}. */
	public byte @Nullable [] nextReply() {
		this.channel.runPendingTasks();
		for (int i = 0; i < 100; i++) {
			ByteBuf out = this.channel.readOutbound();
			if (out == null) {
				return null;
			}
			try {
				if (out.isReadable()) {
					return ByteBufUtil.getBytes(out);
				}
			}
			finally {
				out.release();
			}
		}
		return null;
	}

	/** Returns every non-empty payload written so far. */
	public List<byte[]> replies() {
		List<byte[]> replies = new ArrayList<>();
		for (byte[] reply = nextReply(); reply != null; reply = nextReply()) {
			replies.add(reply);
		}
		return replies;
	}

	@Override
	public void close() {
		this.channel.finishAndReleaseAll();
	}

}
