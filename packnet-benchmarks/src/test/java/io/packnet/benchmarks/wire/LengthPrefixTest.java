package io.packnet.benchmarks.wire;

import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LengthPrefixTest {

	@ParameterizedTest
	@CsvSource({ "1, big", "2, little", "3, big", "3, little", "4, little", "8, big", "8, little" })
	void shouldWriteWhatItsDecoderReads(int size, String order) {
		LengthPrefix prefix = new LengthPrefix(size, LengthPrefix.parseByteOrder(order));
		ByteBuf frame = Unpooled.buffer();
		prefix.writeLength(frame, 3);
		frame.writeBytes(new byte[] { 7, 8, 9 });
		EmbeddedChannel channel = new EmbeddedChannel(prefix.newDecoder(100));
		assertThat(channel.writeInbound(frame)).isTrue();
		ByteBuf payload = channel.readInbound();
		assertThat(payload.readableBytes()).isEqualTo(3);
		assertThat(payload.getByte(0)).isEqualTo((byte) 7);
		payload.release();
		assertThat(channel.finish()).isFalse();
	}

	@Test
	void shouldRejectUnsupportedSizesAndPayloadsThatDoNotFit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LengthPrefix(5, ByteOrder.BIG_ENDIAN));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LengthPrefix(1, ByteOrder.BIG_ENDIAN).writeLength(Unpooled.buffer(), 256));
		assertThat(new LengthPrefix(2, ByteOrder.BIG_ENDIAN).maxPayloadSize()).isEqualTo(65535);
	}

}
