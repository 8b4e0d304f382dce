package io.packnet.protocol;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pipeline unit tests for {@link FrameDecoder} and {@link FrameEncoder}.
 */
class FrameCodecTest {

	@Test
	void shouldHandOutPayloadsAsSlicesOfTheReceivedBytesWithoutCopying() {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LengthFieldProtocol.defaults()));
		ByteBuf wire = Unpooled.buffer().writeInt(3).writeBytes(new byte[] { 1, 2, 3 });
		channel.writeInbound(wire);
		ByteBuf frame = channel.readInbound();
		assertThat(frame.unwrap()).isNotNull();
		assertThat(frame.readableBytes()).isEqualTo(3);
		frame.release();
		assertThat(channel.finish()).isFalse();
	}

	@Test
	void shouldDiscardEverythingAfterABadHeader() {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(new LengthFieldProtocol(2, ByteOrder.BIG_ENDIAN, 10, false)));
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeShort(11)));
		// a well-formed frame after the bad one is not trusted any more
		channel.writeInbound(Unpooled.buffer().writeShort(1).writeByte(7));
		assertThat((Object) channel.readInbound()).isNull();
		channel.finishAndReleaseAll();
	}

	@Test
	void shouldSendHeaderAndPayloadAsSeparateBuffersSoThePayloadIsNotCopied() {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(LengthFieldProtocol.defaults()));
		ByteBuf payload = Unpooled.directBuffer().writeBytes(new byte[] { 9, 8 });
		channel.writeOutbound(payload);
		ByteBuf header = channel.readOutbound();
		ByteBuf body = channel.readOutbound();
		assertThat(header.readInt()).isEqualTo(2);
		assertThat(body).isSameAs(payload);
		header.release();
		body.release();
		assertThat(payload.refCnt()).isZero();
	}

	@Test
	void shouldFailToEncodeAFrameLargerThanTheMaximumAndReleaseIt() {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(new LengthFieldProtocol(1, ByteOrder.BIG_ENDIAN, 1000, false)));
		ByteBuf payload = Unpooled.buffer().writeZero(256);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> channel.writeOutbound(payload))
			.withRootCauseInstanceOf(FrameTooLargeException.class);
		assertThat(payload.refCnt()).isZero();
		channel.finishAndReleaseAll();
	}

	@Test
	void shouldCapTheMaximumAtWhatTheHeaderCanExpress() {
		assertThat(new LengthFieldProtocol(1, ByteOrder.BIG_ENDIAN, 1 << 20, false).maxFrameSize()).isEqualTo(255);
		assertThat(new LengthFieldProtocol(2, ByteOrder.BIG_ENDIAN, 1 << 20, true).maxFrameSize()).isEqualTo(65_533);
		assertThat(new LengthFieldProtocol(3, ByteOrder.BIG_ENDIAN, 1 << 30, false).maxFrameSize()).isEqualTo((1 << 24) - 1);
		assertThat(new LengthFieldProtocol(8, ByteOrder.BIG_ENDIAN, 1 << 30, false).maxFrameSize()).isEqualTo(1 << 30);
	}

	@Test
	void shouldRejectUnsupportedHeaderSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LengthFieldProtocol(5, ByteOrder.BIG_ENDIAN, 10, false))
			.withMessageContaining("1, 2, 3, 4, 8");
	}

	@Test
	void decoderExceptionsAreTheNettyKind() {
		assertThat(new FrameTooLargeException(10, 5)).isInstanceOf(DecoderException.class)
			.hasMessageContaining("packnet.protocol.max-frame-size");
	}

	@Test
	void shouldFailAFrameThatTricklesInSlowerThanTheFrameTimeout() {
		EmbeddedChannel channel = new EmbeddedChannel(
				new FrameDecoder(LengthFieldProtocol.defaults(), Duration.ofSeconds(1)));
		channel.freezeTime();
		channel.writeInbound(Unpooled.buffer().writeInt(10).writeByte(1));
		for (int i = 0; i < 4; i++) {
			// a byte every 200 ms keeps an idle timer happy, not this one
			channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
			channel.writeInbound(Unpooled.buffer().writeByte(1));
			channel.runScheduledPendingTasks();
			channel.checkException();
		}
		channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
		channel.runScheduledPendingTasks();
		assertThatExceptionOfType(FrameTimeoutException.class).isThrownBy(channel::checkException)
			.withMessageContaining("packnet.session.frame-timeout=PT1S (9 bytes of it received)");
		channel.finishAndReleaseAll();
	}

	@Test
	void shouldGiveEachFrameItsOwnFrameTimeout() {
		EmbeddedChannel channel = new EmbeddedChannel(
				new FrameDecoder(LengthFieldProtocol.defaults(), Duration.ofSeconds(1)));
		channel.freezeTime();
		channel.writeInbound(Unpooled.buffer().writeInt(1));
		for (int i = 0; i < 5; i++) {
			// each read completes one frame and starts the next: 4.5 s in all, but no frame takes 1 s
			channel.writeInbound(Unpooled.buffer().writeByte(7).writeInt(1));
			channel.advanceTimeBy(900, TimeUnit.MILLISECONDS);
			channel.runScheduledPendingTasks();
			channel.checkException();
		}
		assertThat(channel.inboundMessages()).hasSize(5);
		channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
		channel.runScheduledPendingTasks();
		assertThatExceptionOfType(FrameTimeoutException.class).isThrownBy(channel::checkException);
		channel.finishAndReleaseAll();
	}

	@Test
	void shouldNotTimeOutWhenNoFrameIsPartlyReceived() {
		EmbeddedChannel channel = new EmbeddedChannel(
				new FrameDecoder(LengthFieldProtocol.defaults(), Duration.ofSeconds(1)));
		channel.freezeTime();
		channel.writeInbound(Unpooled.buffer().writeInt(1));
		channel.writeInbound(Unpooled.buffer().writeByte(5));
		channel.advanceTimeBy(10, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		channel.checkException();
		ByteBuf frame = channel.readInbound();
		assertThat(frame.readByte()).isEqualTo((byte) 5);
		frame.release();
		assertThat(channel.finish()).isFalse();
	}

}
