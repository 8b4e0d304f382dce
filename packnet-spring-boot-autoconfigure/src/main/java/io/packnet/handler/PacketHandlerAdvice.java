package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link PacketExceptionHandler @PacketExceptionHandler} methods apply to every
 * {@link PacketHandler @PacketHandler}, after the handler's own ({@code @ControllerAdvice} for
 * packets). Several advice beans are consulted in {@code @Order}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PacketHandlerAdvice {

	/**
	 * The bean name, if not derived from the class name.
	 * @return the bean name
	 */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
