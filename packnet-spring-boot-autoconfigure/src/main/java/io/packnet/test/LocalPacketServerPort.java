package io.packnet.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the packet server bound, handy with {@code packnet.server.port=0}; a shortcut
 * for {@code @Value("${local.packnet.server.port}")}, like Boot's {@code @LocalServerPort}.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.packnet.server.port}")
public @interface LocalPacketServerPort {

}
