/**
 * Framing: how a byte stream is cut into frames and how frames are written ({@link io.packnet.protocol.PacketProtocol}).
 */
@NullMarked
package io.packnet.protocol;

import org.jspecify.annotations.NullMarked;
