/**
 * Metrics and observations of {@code @PacketHandler} invocations.
 */
@NullMarked
package io.packnet.actuate.handler;

import org.jspecify.annotations.NullMarked;
