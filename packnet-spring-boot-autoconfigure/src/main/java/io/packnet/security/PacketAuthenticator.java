package io.packnet.security;

import io.netty.buffer.ByteBuf;
import io.packnet.session.Session;

/**
 * Authenticates sessions from their first frames. When a bean of this type exists, every frame a
 * session receives goes here until the result is {@link AuthenticationResult#authenticated
 * authenticated}; none reaches the handlers before. A rejected session, or one that does not
 * authenticate within {@code packnet.session.auth-timeout}, closes as
 * {@link io.packnet.session.CloseReason#UNAUTHENTICATED}.
 * <p>Called on the session's event loop, one frame at a time, in arrival order: do not block. Checks
 * that block (a password hash, a database, Spring Security's {@code AuthenticationManager}) return
 * {@link AuthenticationResult#deferred} with the work running on an executor.
 */
@FunctionalInterface
public interface PacketAuthenticator {

	/**
	 * Decides on one frame of a session that has not authenticated yet.
	 * @param session the session; a multi-step protocol may send a challenge through it
	 * @param frame the payload; released when this method returns, so copy what a deferred check needs
	 * @return the outcome: authenticated, rejected, pending (wait for the next frame) or deferred
	 */
	AuthenticationResult authenticate(Session session, ByteBuf frame);

}
