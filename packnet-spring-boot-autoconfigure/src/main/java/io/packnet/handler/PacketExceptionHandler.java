package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles exceptions thrown by {@link PacketMapping @PacketMapping} methods of the same bean, or of
 * every handler when declared in a {@link PacketHandlerAdvice @PacketHandlerAdvice} bean. The
 * closest match by exception type (then by cause) wins. Takes the exception and any
 * {@code @PacketMapping} argument; a non-null return value is sent back as a reply.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PacketExceptionHandler {

	/**
	 * The exceptions handled; by default those declared as parameters.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

	/**
	 * The message type of the reply; by default the reply type of the failed handler.
	 * @return the reply type, or {@link PacketMapping#SAME_TYPE}
	 */
	int reply() default PacketMapping.SAME_TYPE;

}
