package io.packnet.autoconfigure;

import io.netty.buffer.ByteBufAllocator;
import io.packnet.broadcast.BroadcastRelay;
import io.packnet.broadcast.BroadcastStatistics;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link BroadcastTemplate} over the packet server's sessions, and registers
 * its auto-leave {@link SessionListener} so closed sessions leave their groups. A
 * {@link BroadcastRelay} bean (the cluster relay) carries its broadcasts to other servers.
 */
@AutoConfiguration(after = PacknetAutoConfiguration.class)
@ConditionalOnBean({ SessionRegistry.class, MessageEncoder.class, PacketProtocol.class })
@EnableConfigurationProperties(PacknetProperties.class)
public final class BroadcastAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BroadcastStatistics broadcastStatistics() {
		return new BroadcastStatistics();
	}

	@Bean
	@ConditionalOnMissingBean
	BroadcastTemplate broadcastTemplate(SessionRegistry registry, MessageEncoder encoder, PacketProtocol protocol,
			BroadcastStatistics statistics, PacknetProperties properties, ObjectProvider<BroadcastRelay> relay) {
		return new BroadcastTemplate(registry, encoder, protocol, ByteBufAllocator.DEFAULT, statistics,
				properties.getBroadcast().getMaxGroupNameLength(), relay.getIfAvailable(() -> BroadcastRelay.NONE));
	}

	/**
	 * The template's auto-leave listener as a bean, so the packet server (which collects every
	 * {@link SessionListener} bean) calls it; it also serves a user-defined template.
	 */
	@Bean
	SessionListener broadcastSessionListener(BroadcastTemplate broadcastTemplate) {
		return broadcastTemplate.sessionListener();
	}

}
