package io.packnet.support;

import io.packnet.server.PacketDispatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The user configuration of socket tests that drive the server with text commands: a
 * {@link CommandDispatcher} and a {@link RecordingListener} for the session events.
 */
@Configuration(proxyBeanMethods = false)
public class CommandServerConfiguration {

	@Bean
	RecordingListener recordingListener() {
		return new RecordingListener();
	}

	@Bean
	PacketDispatcher commandDispatcher() {
		return new CommandDispatcher();
	}

}
