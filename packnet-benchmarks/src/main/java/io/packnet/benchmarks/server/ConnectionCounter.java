package io.packnet.benchmarks.server;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts open connections for the {@code CONNECTIONS} control command; stateless per channel, so shared. */
@ChannelHandler.Sharable
final class ConnectionCounter extends ChannelInboundHandlerAdapter {

	private final AtomicInteger open = new AtomicInteger();

	int open() {
		return open.get();
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		open.incrementAndGet();
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		open.decrementAndGet();
		ctx.fireChannelInactive();
	}

}
