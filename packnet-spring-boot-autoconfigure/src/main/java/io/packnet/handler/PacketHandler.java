package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link PacketMapping @PacketMapping} methods handle inbound frames, the way
 * {@code @Controller} marks a web handler. A {@code @Component}, so component scanning picks it up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PacketHandler {

	/**
	 * The bean name, if not derived from the class name.
	 * @return the bean name
	 */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
