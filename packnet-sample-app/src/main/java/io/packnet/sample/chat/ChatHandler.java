package io.packnet.sample.chat;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketExceptionHandler;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketMapping;
import io.packnet.sample.chat.ChatMessages.ChatMessage;
import io.packnet.sample.chat.ChatMessages.Delivery;
import io.packnet.sample.chat.ChatMessages.Error;
import io.packnet.sample.chat.ChatMessages.Login;
import io.packnet.sample.chat.ChatMessages.Notice;
import io.packnet.sample.chat.ChatMessages.PrivateMessage;
import io.packnet.sample.chat.ChatMessages.Room;
import io.packnet.sample.chat.ChatMessages.RoomList;
import io.packnet.sample.chat.ChatMessages.RoomMembers;
import io.packnet.sample.chat.ChatMessages.Say;
import io.packnet.sample.chat.ChatMessages.Welcome;
import io.packnet.sample.chat.ChatMessages.Whisper;
import io.packnet.session.Session;

/**
 * The chat server's request handlers: each method handles one message type and its return value is
 * the reply. Rooms are {@link BroadcastTemplate} groups.
 */
@PacketHandler
class ChatHandler {

	static final String NAME = "name";

	static final String ROOMS = "rooms";

	private final BroadcastTemplate broadcast;

	private final Users users;

	ChatHandler(BroadcastTemplate broadcast, Users users) {
		this.broadcast = broadcast;
		this.users = users;
	}

	@PacketMapping(ChatMessages.LOGIN)
	Welcome login(Session session, Login login) {
		String name = login.name().strip();
		if (name.isEmpty() || name.length() > 32) {
			throw new IllegalArgumentException("name must be 1 to 32 characters");
		}
		if (!this.users.register(name, session)) {
			throw new IllegalArgumentException("name '" + name + "' is taken");
		}
		session.attributes().put(NAME, name);
		return new Welcome(name, session.id());
	}

	@PacketMapping(ChatMessages.JOIN)
	RoomMembers join(Session session, Room room) {
		String name = nameOf(session);
		this.broadcast.join(room.room(), session);
		roomsOf(session).add(room.room());
		this.broadcast.broadcast(room.room(), ChatMessages.NOTICE, new Notice(room.room(), name + " joined"), session);
		return members(room.room());
	}

	@PacketMapping(ChatMessages.LEAVE)
	RoomMembers leave(Session session, Room room) {
		String name = nameOf(session);
		this.broadcast.leave(room.room(), session);
		roomsOf(session).remove(room.room());
		this.broadcast.broadcast(room.room(), ChatMessages.NOTICE, new Notice(room.room(), name + " left"));
		return members(room.room());
	}

	@PacketMapping(ChatMessages.SAY)
	void say(Session session, Say say) {
		if (!roomsOf(session).contains(say.room())) {
			throw new IllegalArgumentException("join " + say.room() + " before speaking there");
		}
		this.broadcast.broadcast(say.room(), ChatMessages.MESSAGE, new ChatMessage(say.room(), nameOf(session), say.text()));
	}

	@PacketMapping(ChatMessages.ROOMS)
	RoomList rooms() {
		return new RoomList(this.broadcast.groups().stream().sorted().map(this::members).toList());
	}

	@PacketMapping(ChatMessages.PRIVATE)
	Delivery whisper(Session session, PrivateMessage message) {
		String from = nameOf(session);
		boolean delivered = this.users.find(message.to())
			.map((to) -> this.broadcast.send(to, ChatMessages.WHISPER, new Whisper(from, message.text())) > 0)
			.orElse(false);
		return new Delivery(message.to(), delivered);
	}

	@PacketExceptionHandler
	Error onError(IllegalArgumentException ex) {
		return new Error(ex.getMessage());
	}

	private RoomMembers members(String room) {
		List<String> names = this.broadcast.members(room)
			.stream()
			.map((member) -> member.attribute(NAME, String.class))
			.filter(java.util.Objects::nonNull)
			.sorted(Comparator.naturalOrder())
			.toList();
		return new RoomMembers(room, names);
	}

	private static String nameOf(Session session) {
		String name = session.attribute(NAME, String.class);
		if (name == null) {
			throw new IllegalArgumentException("log in first");
		}
		return name;
	}

	@SuppressWarnings("unchecked")
	static Set<String> roomsOf(Session session) {
		return (Set<String>) session.attributes().computeIfAbsent(ROOMS, (key) -> ConcurrentHashMap.newKeySet());
	}

}
