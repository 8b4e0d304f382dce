package io.packnet.sample.chat;

import java.util.List;

/**
 * The chat protocol: a 2-byte message type, then a JSON payload. Requests from clients use types
 * 1-6 and get their reply with the same type (an {@link Error} when the request failed); the server
 * pushes types 20-22.
 */
public final class ChatMessages {

	/** Log in: {@link Login} → {@link Welcome}. */
	public static final int LOGIN = 1;

	/** Join a room: {@link Room} → {@link RoomMembers}; the room gets a {@link Notice}. */
	public static final int JOIN = 2;

	/** Leave a room: {@link Room} → {@link RoomMembers}; the room gets a {@link Notice}. */
	public static final int LEAVE = 3;

	/** Say something to a room: {@link Say}; the room (sender included) gets a {@link ChatMessage}. */
	public static final int SAY = 4;

	/** List rooms and members: any payload → {@link RoomList}. */
	public static final int ROOMS = 5;

	/** Private message to a user: {@link PrivateMessage} → {@link Delivery}; the user gets a {@link Whisper}. */
	public static final int PRIVATE = 6;

	/** Pushed: someone joined or left a room. */
	public static final int NOTICE = 20;

	/** Pushed: a message said in a room. */
	public static final int MESSAGE = 21;

	/** Pushed: a private message. */
	public static final int WHISPER = 22;

	private ChatMessages() {
	}

	public record Login(String name) {
	}

	public record Welcome(String name, long sessionId) {
	}

	public record Room(String room) {
	}

	public record RoomMembers(String room, List<String> members) {
	}

	public record Say(String room, String text) {
	}

	public record ChatMessage(String room, String from, String text) {
	}

	public record RoomList(List<RoomMembers> rooms) {
	}

	public record PrivateMessage(String to, String text) {
	}

	public record Delivery(String to, boolean delivered) {
	}

	public record Whisper(String from, String text) {
	}

	public record Notice(String room, String text) {
	}

	public record Error(String error) {
	}

}
