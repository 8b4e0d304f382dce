package io.packnet.benchmarks.server;

import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;

/**
 * The packnet echo: a default-route method that returns its payload as a typical application writes
 * it ({@code byte[]} in, {@code byte[]} out). With a type field the reply carries the request's type.
 */
@PacketHandler
public class PacknetEchoHandler {

	@PacketMapping
	public byte[] echo(byte[] payload) {
		return payload;
	}

}
