package io.packnet.benchmarks.server;

import io.netty.buffer.ByteBuf;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;

/**
 * The zero-copy packnet echo: a default-route method that takes the payload as a {@code ByteBuf} and
 * returns that same buffer (packnet retains the inbound buffer it is given back for the reply), so the
 * payload is never copied. Beside {@link PacknetEchoHandler} it separates the framework's cost from the two
 * copies a {@code byte[]} signature implies.
 */
@PacketHandler
public class PacknetByteBufEchoHandler {

	@PacketMapping
	public ByteBuf echo(ByteBuf payload) {
		return payload;
	}

}
