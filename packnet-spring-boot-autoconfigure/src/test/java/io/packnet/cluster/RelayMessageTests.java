package io.packnet.cluster;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.packnet.broadcast.BroadcastRelay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The relay's message layout: what a node publishes is what the others decode, and anything else
 * on the channels is rejected rather than delivered.
 */
class RelayMessageTests {

	private final ClusterNode node = new ClusterNode(4242, ClusterNode.Source.CONFIGURED);

	@Test
	void shouldDecodeWhatItEncodesWhenRelayingToAGroup() {
		ByteBuf frame = Unpooled.wrappedBuffer(new byte[] { 0, 0, 0, 2, 'h', 'i' });
		frame.readerIndex(0);
		byte[] bytes = RelayMessage.encode(RelayMessage.Kind.GROUP, this.node, 77L, "room-ü", frame, 2);
		RelayMessage.setSequence(bytes, 9);
		RelayMessage message = RelayMessage.decode(bytes);
		assertThat(message.kind).isEqualTo(RelayMessage.Kind.GROUP);
		assertThat(message.originNode).isEqualTo(4242);
		assertThat(message.originInstance).isEqualTo(this.node.instance());
		assertThat(message.sequence).isEqualTo(9);
		assertThat(message.target).isEqualTo(77L);
		assertThat(message.payloadSize).isEqualTo(2);
		assertThat(message.group).isEqualTo("room-ü");
		assertThat(new String(message.bytes, message.frameOffset + 4, 2, StandardCharsets.US_ASCII)).isEqualTo("hi");
		assertThat(message.frameLength()).isEqualTo(6);
		// the frame was read, not consumed
		assertThat(frame.readableBytes()).isEqualTo(6);
		frame.release();
	}

	@Test
	void shouldCarryNoGroupWhenRelayingToEverySessionOrOne() {
		byte[] all = RelayMessage.encode(RelayMessage.Kind.ALL, this.node, BroadcastRelay.NO_SESSION, null,
				Unpooled.EMPTY_BUFFER, 0);
		assertThat(RelayMessage.decode(all).group).isNull();
		assertThat(RelayMessage.decode(all).target).isEqualTo(BroadcastRelay.NO_SESSION);
		assertThat(RelayMessage.decode(all).frameLength()).isZero();
		byte[] send = RelayMessage.encode(RelayMessage.Kind.SESSION, this.node, 5L << 40 | 3, null,
				Unpooled.wrappedBuffer(new byte[] { 1 }), 1);
		assertThat(RelayMessage.decode(send).kind).isEqualTo(RelayMessage.Kind.SESSION);
		assertThat(ClusterNode.nodeOf(RelayMessage.decode(send).target)).isEqualTo(5);
	}

	@Test
	void shouldRejectBytesThatAreNotARelayMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode("hello".getBytes()))
			.withMessageContaining("shorter than its header");
		byte[] bytes = RelayMessage.encode(RelayMessage.Kind.ALL, this.node, 0, null, Unpooled.EMPTY_BUFFER, 0);
		bytes[0] = 9;
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode(bytes))
			.withMessageContaining("version 9");
		bytes[0] = RelayMessage.VERSION;
		bytes[1] = 99;
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode(bytes))
			.withMessageContaining("kind 99");
		bytes[1] = RelayMessage.Kind.GROUP.code;
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode(bytes))
			.withMessageContaining("no group name");
	}

	@Test
	void shouldKeepSessionIdsPositiveAndTellTheirNodeWhenTheNodeIdIsTheLargest() {
		ClusterNode largest = new ClusterNode(ClusterNode.MAX_NODE_ID, ClusterNode.Source.CONFIGURED);
		long id = largest.sessionIdBase() + (1L << ClusterNode.NODE_ID_SHIFT) - 1;
		assertThat(id).isPositive();
		assertThat(ClusterNode.nodeOf(id)).isEqualTo(ClusterNode.MAX_NODE_ID);
		assertThat(ClusterNode.nodeOf(largest.sessionIdBase() + 1)).isEqualTo(ClusterNode.MAX_NODE_ID);
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterNode(0, ClusterNode.Source.CONFIGURED));
	}

}
