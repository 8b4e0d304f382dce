package io.packnet.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps frames of one or more message types to a method of a {@link PacketHandler @PacketHandler}
 * bean. Without types the method is the default route: it receives every frame when routing is
 * off ({@code packnet.routing.type-field-size=0} and no {@link PacketRouter}), and frames of
 * unmapped types when it is on.
 * <p>Parameters: {@link io.packnet.session.Session}, {@link InboundPacket}, the payload as
 * {@code byte[]}, {@code ByteBuf} (valid during the call), {@code ByteBuffer}, {@code String}
 * (UTF-8) or any type a {@link io.packnet.codec.PayloadCodec} decodes,
 * {@link PacketType @PacketType int}, {@link SessionAttribute @SessionAttribute}, or whatever a
 * {@link PacketArgumentResolver} bean resolves. A non-null return value is sent back as a reply;
 * a {@code CompletionStage} replies when it completes.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PacketMapping {

	/** The {@link #reply()} value meaning "the request's own type". */
	int SAME_TYPE = -1;

	/**
	 * The message types handled, as unsigned values of the type field; empty for the default route.
	 * @return the message types
	 */
	int[] value() default {};

	/**
	 * The message type of replies; by default the type of the frame being answered.
	 * @return the reply type, or {@link #SAME_TYPE}
	 */
	int reply() default SAME_TYPE;

}
