package io.packnet.actuate.handler;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Names the observation {@code packnet.handler} with the low-cardinality keys of the handler timer
 * ({@code type}, {@code handler}, {@code outcome}, {@code exception}) and the session id and actual
 * message type as high-cardinality keys (trace attributes, never metric tags).
 */
public class DefaultPacketHandlerObservationConvention implements PacketHandlerObservationConvention {

	/** The observation's name; also the name of the timer a meter handler derives from it. */
	public static final String NAME = "packnet.handler";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(PacketHandlerObservationContext context) {
		return "packet " + HandlerTags.handler(context.getHandlerMethod());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(PacketHandlerObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(KeyValue.of(HandlerTags.TYPE, context.getRoute()),
				KeyValue.of(HandlerTags.HANDLER, HandlerTags.handler(context.getHandlerMethod())),
				KeyValue.of(HandlerTags.OUTCOME, (error != null) ? HandlerTags.ERROR : HandlerTags.SUCCESS),
				KeyValue.of(HandlerTags.EXCEPTION,
						(error != null) ? HandlerTags.exception(error.getClass()) : HandlerTags.NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(PacketHandlerObservationContext context) {
		return KeyValues.of(KeyValue.of("session.id", Long.toString(context.getSession().id())),
				KeyValue.of("message.type", Integer.toUnsignedString(context.getType())));
	}

}
