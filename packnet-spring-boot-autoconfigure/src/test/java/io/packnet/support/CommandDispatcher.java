package io.packnet.support;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.packnet.server.PacketDispatcher;
import io.packnet.session.Session;

/**
 * A test dispatcher driven by text commands: {@code close} says bye and closes, {@code flood:N:SIZE}
 * sends N frames of SIZE bytes until a send fails, {@code big:SIZE} sends one frame of SIZE bytes and
 * reports the outcome, {@code throw} throws; anything else is echoed.
 */
public class CommandDispatcher implements PacketDispatcher {

	@Override
	public void dispatch(Session session, ByteBuf frame) {
		String command = frame.toString(StandardCharsets.UTF_8);
		if (command.equals("close")) {
			session.send("bye");
			session.close();
		}
		else if (command.startsWith("flood:")) {
			String[] parts = command.split(":");
			int count = Integer.parseInt(parts[1]);
			byte[] payload = new byte[Integer.parseInt(parts[2])];
			for (int i = 0; i < count && session.isOpen(); i++) {
				session.send(payload);
			}
		}
		else if (command.startsWith("big:")) {
			byte[] payload = new byte[Integer.parseInt(command.substring(4))];
			session.send(payload).whenComplete((ok, ex) -> session.send((ex != null) ? "failed: " + ex : "sent"));
		}
		else if (command.equals("throw")) {
			throw new IllegalStateException("boom");
		}
		else {
			session.send(frame.retain());
		}
	}

}
