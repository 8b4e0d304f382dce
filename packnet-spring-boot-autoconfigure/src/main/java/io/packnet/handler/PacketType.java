package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter ({@code int}, {@code Integer} or {@code long}) to the frame's message
 * type. A {@code long} receives 4-byte types as unsigned values; an {@code int} receives types
 * above 2^31 as negative numbers. 0 when routing is off.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PacketType {

}
