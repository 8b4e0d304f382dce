package io.packnet.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The packnet sample: a chat server configured only through {@code application.yml}. Talk to it
 * with {@link io.packnet.sample.client.ChatClient}.
 */
@SpringBootApplication
public class ChatServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatServerApplication.class, args);
	}

}
