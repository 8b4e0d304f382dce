package io.packnet.server;

import java.time.Duration;

import io.packnet.codec.MessageEncoder;
import io.packnet.security.PacketAuthenticator;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;

/**
 * What every connection's {@link SessionHandler} shares.
 */
record SessionServices(SessionRegistry registry, PacketDispatcher dispatcher, SessionListener listener,
		MessageEncoder encoder, SessionSettings settings, PacknetStatistics statistics,
		@Nullable PacketAuthenticator authenticator, Duration authTimeout) {
}
