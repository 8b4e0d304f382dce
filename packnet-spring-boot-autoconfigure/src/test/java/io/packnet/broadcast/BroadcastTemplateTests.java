package io.packnet.broadcast;

import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.packnet.codec.MessageEncoder;
import io.packnet.codec.PayloadCodecException;
import io.packnet.codec.TypeField;
import io.packnet.protocol.FrameEncoder;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.protocol.LengthFieldProtocol;
import io.packnet.protocol.LineProtocol;
import io.packnet.protocol.PacketProtocol;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.OverflowPolicy;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import io.packnet.session.SessionSettings;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link BroadcastTemplate} on {@link EmbeddedChannel} sessions: what each member's connection is
 * given, buffer ownership counted by an instrumented allocator, membership rules and name limits.
 * The socket-level behaviour (event loops, slow consumers, concurrency) is in
 * {@link BroadcastSocketTests}.
 */
class BroadcastTemplateTests {

	private static final int MAX_FRAME_SIZE = 1024;

	private final CountingAllocator allocator = new CountingAllocator();

	private final SessionRegistry registry = new SessionRegistry();

	private final List<EmbeddedChannel> channels = new ArrayList<>();

	private PacketProtocol protocol = new LengthFieldProtocol(4, ByteOrder.BIG_ENDIAN, MAX_FRAME_SIZE, false);

	private MessageEncoder encoder = MessageEncoder.plain();

	private final BroadcastStatistics statistics = new BroadcastStatistics();

	private BroadcastTemplate template = newTemplate(BroadcastTemplate.DEFAULT_MAX_GROUP_NAME_LENGTH);

	@AfterEach
	void releaseEverything() {
		for (EmbeddedChannel channel : this.channels) {
			// close fails unflushed writes (the overflow test leaves some): expected, not rethrown
			channel.close();
			channel.releaseOutbound();
		}
		assertThat(this.allocator.usedDirectMemory()).as("bytes still allocated").isZero();
	}

	@Test
	void shouldHandOneEncodedFrameToEveryMemberWhenBroadcasting() {
		List<ChannelSession> members = List.of(session(), session(), session());
		members.forEach((member) -> this.template.join("room", member));
		assertThat(this.template.broadcast("room", "hello")).isEqualTo(3);
		List<ByteBuf> written = new ArrayList<>();
		for (ChannelSession member : members) {
			ByteBuf frame = outbound(member);
			assertThat(frame).isNotNull();
			assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(frame(4, "hello"));
			written.add(frame);
		}
		// no copy per member: every member's buffer is a view of the same memory
		assertThat(written).allSatisfy((frame) -> assertThat(frame.memoryAddress() + frame.readerIndex())
			.isEqualTo(written.get(0).memoryAddress() + written.get(0).readerIndex()));
		written.forEach(ByteBuf::release);
		assertThat(this.allocator.usedDirectMemory()).isZero();
	}

	@Test
	void shouldAllocateAsMuchForManyMembersAsForOneWhenBroadcasting() {
		ChannelSession alone = session();
		this.template.join("one", alone);
		for (int i = 0; i < 50; i++) {
			this.template.join("many", session());
		}
		int before = this.allocator.allocations.get();
		this.template.broadcast("one", "payload");
		int forOne = this.allocator.allocations.get() - before;
		before = this.allocator.allocations.get();
		assertThat(this.template.broadcast("many", "payload")).isEqualTo(50);
		assertThat(this.allocator.allocations.get() - before).isEqualTo(forOne);
	}

	@Test
	void shouldTakeOwnershipOfByteBufMessagesWhenBroadcasting() {
		ChannelSession member = session();
		this.template.join("room", member);
		ByteBuf message = this.allocator.directBuffer().writeBytes("buf".getBytes(StandardCharsets.UTF_8));
		assertThat(this.template.broadcast("room", message)).isEqualTo(1);
		assertThat(message.refCnt()).isZero();
		assertThat(read(member)).isEqualTo(frame(4, "buf"));
		ByteBuf unsent = this.allocator.directBuffer().writeByte(1);
		assertThat(this.template.broadcast("nobody", unsent)).isZero();
		assertThat(unsent.refCnt()).isZero();
		ByteBuf invalid = this.allocator.directBuffer().writeByte(1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.broadcast("", invalid));
		assertThat(invalid.refCnt()).isZero();
	}

	@Test
	void shouldLeaveOutTheExceptedSessionWhenBroadcastingWithExcept() {
		ChannelSession sender = session();
		ChannelSession other = session();
		this.template.join("room", sender);
		this.template.join("room", other);
		assertThat(this.template.broadcast("room", "hi", sender)).isEqualTo(1);
		assertThat(outbound(sender)).isNull();
		assertThat(read(other)).isEqualTo(frame(4, "hi"));
		assertThat(this.template.broadcast("room", "to all", null)).isEqualTo(2);
		assertThat(read(sender)).isEqualTo(frame(4, "to all"));
		assertThat(read(other)).isEqualTo(frame(4, "to all"));
	}

	@Test
	void shouldWriteTheTypeFieldWhenBroadcastingTyped() {
		this.encoder = new MessageEncoder(new TypeField(2, ByteOrder.BIG_ENDIAN), List.of());
		this.template = newTemplate(BroadcastTemplate.DEFAULT_MAX_GROUP_NAME_LENGTH);
		ChannelSession sender = session();
		ChannelSession other = session();
		this.template.join("room", sender);
		this.template.join("room", other);
		assertThat(this.template.broadcast("room", 0x0102, "x")).isEqualTo(2);
		assertThat(read(sender)).containsExactly(0, 0, 0, 3, 1, 2, 'x');
		assertThat(this.template.broadcast("room", 7, Unpooled.wrappedBuffer(new byte[] { 9 }), sender)).isEqualTo(1);
		assertThat(read(other)).containsExactly(0, 0, 0, 3, 1, 2, 'x');
		assertThat(read(other)).containsExactly(0, 0, 0, 3, 0, 7, 9);
	}

	@Test
	void shouldFailTypedBroadcastWhenNoTypeFieldIsConfigured() {
		this.template.join("room", session());
		ByteBuf message = this.allocator.directBuffer().writeByte(1);
		assertThatIllegalStateException().isThrownBy(() -> this.template.broadcast("room", 1, message))
			.withMessageContaining("packnet.routing.type-field-size is 0");
		assertThat(message.refCnt()).isZero();
	}

	@Test
	void shouldCopyTheProtocolPartsIntoOneFrameWhenTheProtocolAddsATrailer() {
		this.protocol = new LineProtocol(MAX_FRAME_SIZE);
		this.template = newTemplate(BroadcastTemplate.DEFAULT_MAX_GROUP_NAME_LENGTH);
		ChannelSession member = session();
		this.template.join("room", member);
		this.template.broadcast("room", "line");
		ByteBuf frame = outbound(member);
		assertThat(frame).isNotNull();
		assertThat(frame.nioBufferCount()).isOne();
		assertThat(frame.toString(StandardCharsets.UTF_8)).isEqualTo("line\n");
		frame.release();
	}

	@Test
	void shouldReturnZeroWithoutEncodingWhenNobodyWouldReceive() {
		ChannelSession sender = session();
		this.template.join("room", sender);
		int before = this.allocator.allocations.get();
		// an object no codec supports: never encoded, so no error either
		assertThat(this.template.broadcast("room", new Object(), sender)).isZero();
		assertThat(this.template.broadcast("unknown", new Object())).isZero();
		assertThat(this.allocator.allocations.get()).isEqualTo(before);
		assertThatExceptionOfType(PayloadCodecException.class)
			.isThrownBy(() -> this.template.broadcast("room", new Object()));
		assertThat(outbound(sender)).isNull();
	}

	@Test
	void shouldSkipMembersThatHaveClosedWhenCountingRecipients() {
		ChannelSession open = session();
		ChannelSession closing = session();
		this.template.join("room", open);
		this.template.join("room", closing);
		channelOf(closing).close();
		// not yet forgotten (the server's listener has not run), but no longer a recipient
		assertThat(this.template.size("room")).isEqualTo(2);
		assertThat(this.template.broadcast("room", "x")).isEqualTo(1);
		assertThat(read(open)).isEqualTo(frame(4, "x"));
	}

	@Test
	void shouldThrowFrameTooLargeAndWriteNothingWhenThePayloadIsLargerThanTheMaximum() {
		ChannelSession member = session();
		this.template.join("room", member);
		ByteBuf tooLarge = this.allocator.directBuffer().writeZero(MAX_FRAME_SIZE + 1);
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> this.template.broadcast("room", tooLarge))
			.satisfies((ex) -> assertThat(ex.maxFrameSize()).isEqualTo(MAX_FRAME_SIZE));
		assertThat(tooLarge.refCnt()).isZero();
		assertThat(outbound(member)).isNull();
		// the largest allowed payload is delivered: the limit applies to the payload, not the header
		assertThat(this.template.broadcast("room", new byte[MAX_FRAME_SIZE])).isEqualTo(1);
		assertThat(read(member)).hasSize(4 + MAX_FRAME_SIZE);
		assertThat(this.statistics.undelivered()).isZero();
	}

	@Test
	void shouldBroadcastToEveryOpenSessionWhenBroadcastingAll() {
		ChannelSession grouped = session();
		ChannelSession ungrouped = session();
		ChannelSession closed = session();
		this.template.join("room", grouped);
		channelOf(closed).close();
		assertThat(this.template.broadcastAll("all")).isEqualTo(2);
		assertThat(read(grouped)).isEqualTo(frame(4, "all"));
		assertThat(read(ungrouped)).isEqualTo(frame(4, "all"));
	}

	@Test
	void shouldSendToOneSessionWhenItIsOpen() {
		ChannelSession member = session();
		assertThat(this.template.send(member.id(), "direct")).isOne();
		// a send goes through the pipeline's frame encoder: header and payload are separate buffers
		assertThat(read(member)).isEqualTo(new byte[] { 0, 0, 0, 6 });
		assertThat(read(member)).isEqualTo("direct".getBytes(StandardCharsets.UTF_8));
		ByteBuf message = this.allocator.directBuffer().writeByte(1);
		assertThat(this.template.send(12345, message)).isZero();
		assertThat(message.refCnt()).isZero();
		channelOf(member).close();
		assertThat(this.template.send(member.id(), "late")).isZero();
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> this.template.send(session().id(), new byte[MAX_FRAME_SIZE + 1]));
	}

	@Test
	void shouldTrackGroupsAndMembersWhenSessionsJoinAndLeave() {
		ChannelSession first = session();
		ChannelSession second = session();
		assertThat(this.template.join("a", first)).isTrue();
		assertThat(this.template.join("a", first)).isFalse();
		assertThat(this.template.join("a", second)).isTrue();
		assertThat(this.template.join("b", first)).isTrue();
		assertThat(this.template.groups()).containsExactlyInAnyOrder("a", "b");
		assertThat(this.template.members("a")).containsExactlyInAnyOrder(first, second);
		assertThat(this.template.size("a")).isEqualTo(2);
		assertThat(this.template.groupsOf(first)).containsExactlyInAnyOrder("a", "b");
		assertThat(this.template.leave("a", first)).isTrue();
		assertThat(this.template.leave("a", first)).isFalse();
		assertThat(this.template.leave("never", second)).isFalse();
		assertThat(this.template.members("a")).containsExactly(second);
		assertThat(this.template.leave("a", second)).isTrue();
		// the last member's leave removes the group
		assertThat(this.template.groups()).containsExactly("b");
		assertThat(this.template.size("a")).isZero();
		assertThat(this.template.members("a")).isEmpty();
		this.template.join("c", first);
		assertThat(this.template.leaveAll(first)).containsExactlyInAnyOrder("b", "c");
		assertThat(this.template.groups()).isEmpty();
		assertThat(this.template.groupsOf(first)).isEmpty();
		// an open session that left everything can join again
		assertThat(this.template.join("b", first)).isTrue();
	}

	@Test
	void shouldForgetASessionWhenItCloses() {
		ChannelSession leaving = session();
		ChannelSession staying = session();
		this.template.join("a", leaving);
		this.template.join("b", leaving);
		this.template.join("b", staying);
		channelOf(leaving).close();
		this.template.sessionListener().sessionClosed(leaving, CloseReason.PEER_CLOSED, null);
		assertThat(this.template.groupsOf(leaving)).isEmpty();
		assertThat(this.template.groups()).containsExactly("b");
		assertThat(this.template.members("b")).containsExactly(staying);
		assertThat(this.template.join("a", leaving)).isFalse();
		assertThat(this.template.groups()).containsExactly("b");
	}

	@Test
	void shouldNotJoinWhenTheSessionIsClosed() {
		ChannelSession closed = session();
		channelOf(closed).close();
		assertThat(this.template.join("room", closed)).isFalse();
		assertThat(this.template.groups()).isEmpty();
	}

	@Test
	void shouldLeaveNoGhostMemberWhenTheSessionClosesAndIsForgottenWhileJoining() {
		ClosingChannel channel = new ClosingChannel();
		ChannelSession session = session(channel, defaultSettings());
		// the session closes, and the server's listener runs, right after join found it open
		channel.onNextActiveCheck = () -> {
			channel.close();
			this.template.sessionListener().sessionClosed(session, CloseReason.PEER_CLOSED, null);
		};
		assertThat(this.template.join("room", session)).isFalse();
		assertThat(this.template.groups()).isEmpty();
		assertThat(this.template.groupsOf(session)).isEmpty();
		assertThat(this.template.trackedSessions()).isZero();
	}

	@Test
	void shouldHandTheFrameToEachMemberOnceWhenMembersLeaveAndRejoinDuringTheBroadcast() {
		Churn churn = new Churn();
		List<ChannelSession> members = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			ChurnChannel channel = new ChurnChannel(churn);
			channel.session = session(channel, defaultSettings());
			members.add(channel.session);
			this.template.join("room", channel.session);
		}
		// as the broadcast checks each member, the member leaves and re-joins: it goes to the end of
		// its hash bin, where the iteration (already at the next node of that bin) meets it again
		churn.armed = true;
		int handed = this.template.broadcast("room", "once");
		churn.armed = false;
		assertThat(handed).isEqualTo(200);
		for (ChannelSession member : members) {
			assertThat(read(member)).isEqualTo(frame(4, "once"));
			assertThat(outbound(member)).as("a second frame for session %d", member.id()).isNull();
		}
		assertThat(this.template.size("room")).isEqualTo(200);
	}

	@Test
	void shouldRejectSessionsOfOtherKindsWhenJoining() {
		Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Session.class },
				(proxy, method, args) -> null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.join("room", other))
			.withMessageContaining("sessions of the packnet server (ChannelSession)");
	}

	@Test
	void shouldRejectInvalidGroupNamesWithTheRuleTheyBreak() {
		this.template = newTemplate(8);
		ChannelSession member = session();
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.join("", member))
			.withMessage("Group name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.join("123456789", member))
			.withMessage("Group name must be at most 8 characters (packnet.broadcast.max-group-name-length) "
					+ "but has 9: '123456789...'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.join("a\nb", member))
			.withMessage("Group name must not contain control characters but has U+000A at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.broadcast("\u0000", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.leave("", member));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.size("123456789"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.members("\t"));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> this.template.join(null, member));
		assertThat(this.template.join("12345678", member)).isTrue();
		assertThat(this.template.join("зал №1", member)).isTrue();
	}

	@Test
	void shouldCountBroadcastsAndDeliveriesWhenBroadcasting() {
		ChannelSession first = session();
		ChannelSession second = session();
		this.template.join("room", first);
		this.template.join("room", second);
		this.template.broadcast("room", "a");
		this.template.broadcast("room", "b", first);
		this.template.broadcast("empty", "c");
		assertThat(this.statistics.broadcasts()).isEqualTo(2);
		assertThat(this.statistics.recipients()).isEqualTo(3);
		assertThat(this.statistics.deliveries()).isEqualTo(3);
		assertThat(this.statistics.undelivered()).isZero();
	}

	@Test
	void shouldKeepWritingToOthersWhenOneMemberIsOverItsOutboundLimit() {
		ChannelSession slow = session(new SessionSettings(MAX_FRAME_SIZE, 100, OverflowPolicy.DROP,
				Duration.ofSeconds(1)));
		ChannelSession fast = session();
		this.template.join("room", slow);
		this.template.join("room", fast);
		// frames pile up unflushed while the slow peer's channel is not writable
		channelOf(slow).pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
			@Override
			public void flush(io.netty.channel.ChannelHandlerContext ctx) {
			}
		});
		for (int i = 0; i < 10; i++) {
			assertThat(this.template.broadcast("room", new byte[40])).isEqualTo(2);
		}
		assertThat(slow.isOpen()).isTrue();
		long dropped = this.statistics.undelivered();
		assertThat(dropped).isBetween(1L, 9L);
		assertThat(this.statistics.deliveries()).isEqualTo(20 - dropped);
		assertThat(slow.pendingOutboundBytes()).isPositive().isLessThanOrEqualTo(100 + 44);
		for (int i = 0; i < 10; i++) {
			assertThat(read(fast)).hasSize(44);
		}
	}

	private BroadcastTemplate newTemplate(int maxGroupNameLength) {
		return new BroadcastTemplate(this.registry, this.encoder, this.protocol, this.allocator, this.statistics,
				maxGroupNameLength);
	}

	private ChannelSession session() {
		return session(defaultSettings());
	}

	private static SessionSettings defaultSettings() {
		return new SessionSettings(MAX_FRAME_SIZE, 1024 * 1024, OverflowPolicy.CLOSE, Duration.ofSeconds(1));
	}

	private ChannelSession session(SessionSettings settings) {
		return session(new EmbeddedChannel(), settings);
	}

	private ChannelSession session(EmbeddedChannel channel, SessionSettings settings) {
		channel.pipeline().addLast("frameEncoder", new FrameEncoder(this.protocol));
		ChannelSession session = new ChannelSession(this.registry.nextId(), channel.pipeline().context("frameEncoder"),
				this.encoder, settings, new PacknetStatistics());
		this.channels.add(channel);
		this.registry.add(session);
		return session;
	}

	private EmbeddedChannel channelOf(ChannelSession session) {
		return (EmbeddedChannel) session.channel();
	}

	private @Nullable ByteBuf outbound(ChannelSession session) {
		EmbeddedChannel channel = channelOf(session);
		// broadcasts flush in a task queued after them on the member's event loop
		channel.runPendingTasks();
		return channel.readOutbound();
	}

	private byte[] read(ChannelSession session) {
		ByteBuf frame = outbound(session);
		assertThat(frame).as("a frame written to session %d", session.id()).isNotNull();
		try {
			return ByteBufUtil.getBytes(frame);
		}
		finally {
			frame.release();
		}
	}

	private static byte[] frame(int headerSize, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[headerSize + payload.length];
		frame[headerSize - 1] = (byte) payload.length;
		System.arraycopy(payload, 0, frame, headerSize, payload.length);
		return frame;
	}

	/** A channel that runs an action when it is next asked whether it is active, to interleave a close. */
	static final class ClosingChannel extends EmbeddedChannel {

		@Nullable Runnable onNextActiveCheck;

		@Override
		public boolean isActive() {
			boolean active = super.isActive();
			Runnable action = this.onNextActiveCheck;
			if (action != null) {
				this.onNextActiveCheck = null;
				action.run();
			}
			return active;
		}

	}

	/** Makes each member leave and re-join "room" when the broadcast first checks it. */
	final class Churn {

		private final Set<ChannelSession> churned = new HashSet<>();

		boolean armed;

		void checked(ChannelSession session) {
			if (!this.armed || !this.churned.add(session)) {
				return;
			}
			this.armed = false;
			try {
				BroadcastTemplateTests.this.template.leave("room", session);
				BroadcastTemplateTests.this.template.join("room", session);
			}
			finally {
				this.armed = true;
			}
		}

	}

	/** A channel that reports each is-active check (each member's open check) to a {@link Churn}. */
	static final class ChurnChannel extends EmbeddedChannel {

		private final Churn churn;

		@Nullable ChannelSession session;

		ChurnChannel(Churn churn) {
			this.churn = churn;
		}

		@Override
		public boolean isActive() {
			boolean active = super.isActive();
			if (this.session != null) {
				this.churn.checked(this.session);
			}
			return active;
		}

	}

	/** Unpooled direct buffers, counted: allocations made and bytes not yet released. */
	static final class CountingAllocator extends AbstractByteBufAllocator {

		private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(true);

		final AtomicInteger allocations = new AtomicInteger();

		CountingAllocator() {
			super(true);
		}

		@Override
		protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
			this.allocations.incrementAndGet();
			return this.delegate.heapBuffer(initialCapacity, maxCapacity);
		}

		@Override
		protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
			this.allocations.incrementAndGet();
			return this.delegate.directBuffer(initialCapacity, maxCapacity);
		}

		@Override
		public boolean isDirectBufferPooled() {
			return false;
		}

		long usedDirectMemory() {
			return this.delegate.metric().usedDirectMemory() + this.delegate.metric().usedHeapMemory();
		}

	}

}
