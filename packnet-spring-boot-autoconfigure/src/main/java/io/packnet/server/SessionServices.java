package io.packnet.server;

import io.packnet.codec.MessageEncoder;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;

/**
 * What every connection's {@link SessionHandler} shares.
 */
record SessionServices(SessionRegistry registry, PacketDispatcher dispatcher, SessionListener listener,
		MessageEncoder encoder, SessionSettings settings, PacknetStatistics statistics) {
}
