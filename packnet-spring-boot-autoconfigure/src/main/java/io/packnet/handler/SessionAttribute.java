package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a {@link io.packnet.session.Session#attributes() session attribute}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SessionAttribute {

	/**
	 * The attribute's name.
	 * @return the name
	 */
	String value();

	/**
	 * Whether a missing attribute is an error; if not, the parameter receives {@code null}.
	 * @return {@code true} to fail the call when the attribute is absent
	 */
	boolean required() default true;

}
