/**
 * The {@code @PacketHandler} programming model: annotations, routing, and the argument and return
 * value SPIs. Modelled on spring-messaging; no Spring Boot here.
 */
@NullMarked
package io.packnet.handler;

import org.jspecify.annotations.NullMarked;
