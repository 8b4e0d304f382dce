package io.packnet.sample;

import io.packnet.server.PacketDispatcher;
import io.packnet.session.ChannelSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The packnet sample: a chat server configured only through {@code application.yml}.
 */
@SpringBootApplication
public class ChatServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatServerApplication.class, args);
	}

	@Bean
	PacketDispatcher echo() {
		return (session, frame) -> ((ChannelSession) session).sendPayload(frame.retain());
	}

}
