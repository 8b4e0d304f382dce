package io.packnet.sample.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.packnet.client.PacketClient;
import io.packnet.codec.JsonPayloadCodec;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.TypeField;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.sample.chat.ChatMessages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A console client for the chat server, on {@link PacketClient}. Commands: {@code /login NAME},
 * {@code /join ROOM}, {@code /leave ROOM}, {@code /rooms}, {@code /msg USER TEXT}, {@code /quit};
 * any other line is said in the room joined last.
 */
public final class ChatClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PacketClient client;

	private final PrintStream out;

	private String room;

	ChatClient(PacketClient client, PrintStream out) {
		this.client = client;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		String host = (args.length > 0) ? args[0] : "127.0.0.1";
		int port = (args.length > 1) ? Integer.parseInt(args[1]) : 7878;
		PrintStream out = System.out;
		try (PacketClient client = PacketClient.builder(new LengthFieldProtocol(4, ByteOrder.BIG_ENDIAN, 64 * 1024, false))
			.encoder(new MessageEncoder(new TypeField(2, ByteOrder.BIG_ENDIAN), List.of(new JsonPayloadCodec(json))))
			.connectTimeout(Duration.ofSeconds(5))
			.onFrame((frame) -> out.println(render(frame)))
			.connect(host, port)) {
			out.println("connected to " + host + ":" + port + " — /login NAME, /join ROOM, /leave ROOM, /rooms, /msg USER TEXT, /quit");
			ChatClient chat = new ChatClient(client, out);
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && client.isOpen()) {
				if (!chat.handle(line.strip())) {
					break;
				}
			}
		}
	}

	/**
	 * Sends what a line of input asks for.
	 * @return {@code false} to quit
	 */
	boolean handle(String line) {
		if (line.isEmpty()) {
			return true;
		}
		String[] words = line.split("\\s+", 3);
		switch (words[0]) {
			case "/quit" -> {
				return false;
			}
			case "/login" -> this.client.send(ChatMessages.LOGIN, new ChatMessages.Login(arg(words, 1)));
			case "/join" -> {
				this.room = arg(words, 1);
				this.client.send(ChatMessages.JOIN, new ChatMessages.Room(this.room));
			}
			case "/leave" -> this.client.send(ChatMessages.LEAVE, new ChatMessages.Room(arg(words, 1)));
			case "/rooms" -> this.client.send(ChatMessages.ROOMS, new byte[0]);
			case "/msg" -> this.client.send(ChatMessages.PRIVATE, new ChatMessages.PrivateMessage(arg(words, 1), arg(words, 2)));
			default -> {
				if (this.room == null) {
					this.out.println("(join a room first: /join ROOM)");
				}
				else {
					this.client.send(ChatMessages.SAY, new ChatMessages.Say(this.room, line));
				}
			}
		}
		return true;
	}

	private static String arg(String[] words, int index) {
		return (words.length > index) ? words[index] : "";
	}

	/** Renders a received frame: a 2-byte type, then JSON. */
	static String render(byte[] frame) {
		ByteBuffer buffer = ByteBuffer.wrap(frame);
		int type = Short.toUnsignedInt(buffer.getShort());
		JsonNode body = json.readTree(new String(frame, 2, frame.length - 2, StandardCharsets.UTF_8));
		if (body.has("error")) {
			return "! " + body.get("error").asString();
		}
		return switch (type) {
			case ChatMessages.MESSAGE -> "[" + body.get("room").asString() + "] " + body.get("from").asString() + ": "
					+ body.get("text").asString();
			case ChatMessages.NOTICE -> "[" + body.get("room").asString() + "] * " + body.get("text").asString();
			case ChatMessages.WHISPER -> "(private) " + body.get("from").asString() + ": " + body.get("text").asString();
			default -> "< " + body;
		};
	}

}
