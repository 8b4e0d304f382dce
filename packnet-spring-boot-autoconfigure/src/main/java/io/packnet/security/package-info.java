/**
 * Authentication of sessions: a {@link io.packnet.security.PacketAuthenticator} sees each session's
 * first frames before any handler does.
 */
@NullMarked
package io.packnet.security;

import org.jspecify.annotations.NullMarked;
