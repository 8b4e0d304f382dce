/**
 * Payload encoding: turning messages (bytes, strings, objects) into frame payloads and back.
 */
@NullMarked
package io.packnet.codec;

import org.jspecify.annotations.NullMarked;
