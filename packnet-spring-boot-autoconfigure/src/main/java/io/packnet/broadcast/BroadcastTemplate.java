package io.packnet.broadcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.FrameTooLargeException;
import io.packnet.protocol.PacketProtocol;
import io.packnet.session.ChannelSession;
import io.packnet.session.CloseReason;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Named groups of sessions and broadcasts to them (the original library's {@code Channel}): chat
 * rooms, game rooms, topic subscriptions. Thread-safe: every method may be called from any thread,
 * at any time, including while members close.
 *
 * <h2>Groups</h2>
 * A group exists while it has members: {@link #join} creates it, the last {@link #leave} removes
 * it. A session leaves all its groups when it closes (through {@link #sessionListener()}, which
 * the auto-configuration registers with the server). Group names are case-sensitive strings of 1
 * to {@code maxGroupNameLength} characters (UTF-16 code units; {@value #DEFAULT_MAX_GROUP_NAME_LENGTH}
 * by default, {@code packnet.broadcast.max-group-name-length}) without control characters; other
 * names fail with {@link IllegalArgumentException}. Members are sessions of the packnet server
 * ({@code ChannelSession}); a session's membership record lives until it closes.
 *
 * <h2>Broadcasts</h2>
 * A message ({@code byte[]}, {@code ByteBuf}, {@code ByteBuffer}, {@code String} or an object a
 * {@code PayloadCodec} supports) is encoded and framed once into one buffer; every member gets a
 * retained duplicate of it, never a copy of its own. Members are grouped by event loop (a snapshot
 * per group, rebuilt when its members change), and each loop writes its members in one task (inline
 * when the caller is that loop) and flushes each once after the broadcasts queued on it; each other
 * loop works on a copy of the frame (one per loop, not per member), so that the reference count every
 * write touches is not shared between cores. A {@code ByteBuf}
 * message is owned by the template from the call on and released in every case.
 * <ul>
 * <li>The methods return the number of sessions the frame was <em>handed to</em>: the members that
 * were open when the method was called (without the excluded one). Writing happens on each member's
 * event loop (before the method returns only for the caller's own loop), so a member that closes in
 * between, or is over
 * {@code packnet.session.max-pending-bytes}, does not get the frame; the overflow policy
 * ({@code close} or {@code drop}) applies to each member alone and never delays the others.
 * {@link BroadcastStatistics} counts what was finally delivered.</li>
 * <li>Each member gets a broadcast at most once, even if it leaves and re-joins meanwhile.</li>
 * <li>Frames broadcast from one thread reach each member in the order they were broadcast, and in
 * order with that thread's {@code Session.send} calls.</li>
 * <li>With no recipient the message is not encoded at all, and the result is 0.</li>
 * </ul>
 *
 * <h2>Across servers</h2>
 * With a {@link BroadcastRelay} (the Redis relay of {@code packnet.cluster.*}), group broadcasts,
 * {@code broadcastAll} and sends to a session id of another server also go to the other servers:
 * the frame encoded here is relayed once per call, and each server delivers it to its own members.
 * The methods still return (and {@link #members}, {@link #size}, {@link #groups} still report) this
 * server only: the others' members are known only to them, and asking would cost a round trip.
 */
public final class BroadcastTemplate {

	/** The default longest group name, in characters. */
	public static final int DEFAULT_MAX_GROUP_NAME_LENGTH = 256;

	private static final Log logger = LogFactory.getLog(BroadcastTemplate.class);

	private static final Partition[] NO_PARTITIONS = {};

	/** Groups by name; a group's members only change inside {@code compute} on its name. */
	private final ConcurrentMap<String, Group> groups = new ConcurrentHashMap<>();

	/** One per event loop (a handful): the members written by broadcasts and not flushed yet. */
	private final ConcurrentMap<EventLoop, LoopFlusher> flushers = new ConcurrentHashMap<>();

	/** Groups by session; each entry's monitor orders one session's joins, leaves and close. */
	private final ConcurrentMap<Session, Membership> memberships = new ConcurrentHashMap<>();

	private final SessionRegistry registry;

	private final MessageEncoder encoder;

	private final PacketProtocol protocol;

	private final ByteBufAllocator allocator;

	private final BroadcastStatistics statistics;

	private final int maxGroupNameLength;

	private final BroadcastRelay relay;

	private final SessionListener sessionListener = new AutoLeave();

	/** {@link #partition}, as the groups' snapshots take it (one object, not one per broadcast). */
	private final Function<Iterable<? extends Session>, Partition[]> partitioner = this::partition;

	/**
	 * Creates a template with the default allocator, fresh statistics and the default name length.
	 * @param registry the server's sessions, for {@link #broadcastAll} and {@link #send}
	 * @param encoder turns messages into payloads
	 * @param protocol frames payloads
	 */
	public BroadcastTemplate(SessionRegistry registry, MessageEncoder encoder, PacketProtocol protocol) {
		this(registry, encoder, protocol, ByteBufAllocator.DEFAULT, new BroadcastStatistics(),
				DEFAULT_MAX_GROUP_NAME_LENGTH);
	}

	/**
	 * Creates a template.
	 * @param registry the server's sessions, for {@link #broadcastAll} and {@link #send}
	 * @param encoder turns messages into payloads
	 * @param protocol frames payloads
	 * @param allocator allocates the encoded frames
	 * @param statistics counts broadcasts and deliveries
	 * @param maxGroupNameLength the longest group name, in characters (at least 1)
	 */
	public BroadcastTemplate(SessionRegistry registry, MessageEncoder encoder, PacketProtocol protocol,
			ByteBufAllocator allocator, BroadcastStatistics statistics, int maxGroupNameLength) {
		this(registry, encoder, protocol, allocator, statistics, maxGroupNameLength, BroadcastRelay.NONE);
	}

	/**
	 * Creates a template whose broadcasts and sends also reach other servers through a relay.
	 * @param registry the server's sessions, for {@link #broadcastAll} and {@link #send}
	 * @param encoder turns messages into payloads
	 * @param protocol frames payloads
	 * @param allocator allocates the encoded frames
	 * @param statistics counts broadcasts and deliveries
	 * @param maxGroupNameLength the longest group name, in characters (at least 1)
	 * @param relay carries frames to the other servers; it is bound to this template here
	 */
	public BroadcastTemplate(SessionRegistry registry, MessageEncoder encoder, PacketProtocol protocol,
			ByteBufAllocator allocator, BroadcastStatistics statistics, int maxGroupNameLength,
			BroadcastRelay relay) {
		if (maxGroupNameLength < 1) {
			throw new IllegalArgumentException("maxGroupNameLength must be positive but was " + maxGroupNameLength);
		}
		this.registry = Objects.requireNonNull(registry, "registry");
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.allocator = Objects.requireNonNull(allocator, "allocator");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.maxGroupNameLength = maxGroupNameLength;
		this.relay = Objects.requireNonNull(relay, "relay");
		relay.bind(new RelayedFrames());
	}

	/**
	 * Adds a session to a group, creating the group if needed.
	 * @param group the group name
	 * @param session a session of the packnet server
	 * @return {@code true} if the session joined; {@code false} if it already was a member or is closed
	 * @throws IllegalArgumentException if the name breaks the rules above, or the session is not a
	 * packnet server session
	 */
	public boolean join(String group, Session session) {
		checkGroupName(group);
		ChannelSession member = member(session);
		if (!member.isOpen()) {
			return false;
		}
		Membership membership = this.memberships.computeIfAbsent(member, (key) -> new Membership());
		synchronized (membership) {
			// closed: the auto-leave has emptied this record and dropped it, the session is gone
			if (membership.closed || !membership.groups.add(group)) {
				return false;
			}
			this.groups.compute(group, (name, existing) -> {
				Group joined = (existing != null) ? existing : new Group();
				joined.add(member);
				return joined;
			});
		}
		if (!member.isOpen()) {
			// closed while joining: the auto-leave may have run before this membership existed
			forget(member);
			return false;
		}
		return true;
	}

	/**
	 * Removes a session from a group; the group disappears with its last member.
	 * @param group the group name
	 * @param session the session
	 * @return {@code true} if the session was a member
	 * @throws IllegalArgumentException if the name breaks the rules above
	 */
	public boolean leave(String group, Session session) {
		checkGroupName(group);
		Objects.requireNonNull(session, "session");
		Membership membership = this.memberships.get(session);
		if (membership == null) {
			return false;
		}
		synchronized (membership) {
			if (!membership.groups.remove(group)) {
				return false;
			}
			removeMember(group, session);
		}
		return true;
	}

	/**
	 * Removes a session from all its groups.
	 * @param session the session
	 * @return the groups it left
	 */
	public Set<String> leaveAll(Session session) {
		Objects.requireNonNull(session, "session");
		Membership membership = this.memberships.get(session);
		if (membership == null) {
			return Set.of();
		}
		synchronized (membership) {
			Set<String> left = Set.copyOf(membership.groups);
			membership.groups.forEach((group) -> removeMember(group, session));
			membership.groups.clear();
			return left;
		}
	}

	/**
	 * Returns the members of a group.
	 * @param group the group name
	 * @return a snapshot of the members; empty if the group does not exist
	 */
	public Set<Session> members(String group) {
		Group found = this.groups.get(checkGroupName(group));
		// copyOf drops the duplicates a concurrent leave and re-join can show an iteration
		return (found != null) ? Set.copyOf(found.members) : Set.of();
	}

	/**
	 * Returns the number of members of a group.
	 * @param group the group name
	 * @return the member count; 0 if the group does not exist
	 */
	public int size(String group) {
		Group found = this.groups.get(checkGroupName(group));
		return (found != null) ? found.members.size() : 0;
	}

	/**
	 * Returns the groups that exist, that is, that have members.
	 * @return a snapshot of the group names
	 */
	public Set<String> groups() {
		return Set.copyOf(this.groups.keySet());
	}

	/**
	 * Returns the number of groups that exist, without copying their names (for gauges and health).
	 * @return the group count
	 */
	public int groupCount() {
		return this.groups.size();
	}

	/**
	 * Returns the groups a session is a member of.
	 * @param session the session
	 * @return a snapshot of its group names
	 */
	public Set<String> groupsOf(Session session) {
		Membership membership = this.memberships.get(Objects.requireNonNull(session, "session"));
		if (membership == null) {
			return Set.of();
		}
		synchronized (membership) {
			return Set.copyOf(membership.groups);
		}
	}

	/**
	 * Returns the listener that removes a closing session from its groups. The auto-configuration
	 * registers it with the server; register it yourself when you build the server.
	 * @return the listener, ordered {@link Ordered#LOWEST_PRECEDENCE} so that other listeners can
	 * still read {@link #groupsOf} on close
	 */
	public SessionListener sessionListener() {
		return this.sessionListener;
	}

	/**
	 * Returns the broadcast counters.
	 * @return the statistics
	 */
	public BroadcastStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Returns how many sessions the template keeps a membership record for; closed sessions must
	 * not stay (tests check it).
	 * @return the number of records
	 */
	int trackedSessions() {
		return this.memberships.size();
	}

	/**
	 * Sends a message to every member of a group.
	 * @param group the group name
	 * @param message the message (see the class description)
	 * @return the number of sessions the frame was handed to
	 * @throws IllegalArgumentException if the name breaks the rules above
	 * @throws FrameTooLargeException if the payload is larger than the protocol's maximum frame size
	 * @throws io.packnet.codec.PayloadCodecException if no codec can encode the message
	 */
	public int broadcast(String group, Object message) {
		return broadcast(group, false, 0, message, null);
	}

	/**
	 * Sends a message preceded by a message type to every member of a group.
	 * @param group the group name
	 * @param type the message type ({@code packnet.routing.type-field-size} bytes)
	 * @param message the message
	 * @return the number of sessions the frame was handed to
	 * @throws IllegalStateException if no type field is configured
	 * @see #broadcast(String, Object)
	 */
	public int broadcast(String group, int type, Object message) {
		return broadcast(group, true, type, message, null);
	}

	/**
	 * Sends a message to every member of a group except one, typically the sender.
	 * @param group the group name
	 * @param message the message
	 * @param except the session to leave out, or {@code null}
	 * @return the number of sessions the frame was handed to
	 * @see #broadcast(String, Object)
	 */
	public int broadcast(String group, Object message, @Nullable Session except) {
		return broadcast(group, false, 0, message, except);
	}

	/**
	 * Sends a message preceded by a message type to every member of a group except one.
	 * @param group the group name
	 * @param type the message type
	 * @param message the message
	 * @param except the session to leave out, or {@code null}
	 * @return the number of sessions the frame was handed to
	 * @see #broadcast(String, int, Object)
	 */
	public int broadcast(String group, int type, Object message, @Nullable Session except) {
		return broadcast(group, true, type, message, except);
	}

	/**
	 * Sends a message to every open session of the server (of every server, with a relay), whatever
	 * its groups.
	 * @param message the message
	 * @return the number of sessions of this server the frame was handed to
	 * @see #broadcast(String, Object)
	 */
	public int broadcastAll(Object message) {
		return fanOut(partition(this.registry.sessions()), false, 0, message, null, this.relay.isActive(), null);
	}

	/**
	 * Sends a message preceded by a message type to every open session of the server.
	 * @param type the message type
	 * @param message the message
	 * @return the number of sessions the frame was handed to
	 * @see #broadcast(String, int, Object)
	 */
	public int broadcastAll(int type, Object message) {
		return fanOut(partition(this.registry.sessions()), true, type, message, null, this.relay.isActive(), null);
	}

	/**
	 * Sends a message to one session by id, for example one found through an attribute. With a
	 * relay, a session of another server is reached through it.
	 * @param sessionId the session's id
	 * @param message the message
	 * @return 1 if the frame was handed to the session (or, for another server's session, to the
	 * relay, and that server drops it if the session has closed), 0 if no such session is open here
	 * and the id is not another server's, or the relay dropped the frame
	 * @throws FrameTooLargeException if the payload is larger than the protocol's maximum frame size
	 */
	public int send(long sessionId, Object message) {
		return send(sessionId, false, 0, message);
	}

	/**
	 * Sends a message preceded by a message type to one session by id.
	 * @param sessionId the session's id
	 * @param type the message type
	 * @param message the message
	 * @return 1 if the frame was handed to the session, 0 if no such session is open
	 */
	public int send(long sessionId, int type, Object message) {
		return send(sessionId, true, type, message);
	}

	private int broadcast(String group, boolean typed, int type, Object message, @Nullable Session except) {
		Group found;
		try {
			Objects.requireNonNull(message, "message");
			found = this.groups.get(Objects.requireNonNull(group, "group"));
			if (found == null) {
				// only valid names ever have members, so the name is checked on this path alone
				checkGroupName(group);
			}
		}
		catch (RuntimeException ex) {
			ReferenceCountUtil.release(message);
			throw ex;
		}
		boolean relayed = this.relay.isActive();
		if (found == null && !relayed) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		return fanOut((found != null) ? found.partitions(this.partitioner) : NO_PARTITIONS, typed, type, message,
				except, relayed, group);
	}

	/**
	 * Encodes a message once and hands it to sessions, and to the relay if asked.
	 * @param partitions the sessions, by event loop
	 * @param relayed whether to relay the frame to the other servers too
	 * @param group the group to relay it to, or {@code null} for every session
	 */
	private int fanOut(Partition[] partitions, boolean typed, int type, Object message, @Nullable Session except,
			boolean relayed, @Nullable String group) {
		int[] recipients = recipients(partitions, except, BroadcastRelay.NO_SESSION);
		int total = sum(recipients);
		if (total == 0 && !relayed) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		ByteBuf payload = encode(typed, type, message);
		int payloadSize = payload.readableBytes();
		ByteBuf frame = frame(payload);
		try {
			if (relayed) {
				relayBroadcast(group, frame, payloadSize, (except != null) ? except.id() : BroadcastRelay.NO_SESSION);
			}
			if (total == 0) {
				return 0;
			}
			total = dispatch(partitions, recipients, new Delivery(frame, payloadSize, except, BroadcastRelay.NO_SESSION));
		}
		finally {
			frame.release();
		}
		this.statistics.broadcast(total);
		return total;
	}

	/**
	 * Groups sessions by event loop.
	 * @param sessions the sessions; others than {@code ChannelSession}s are left out
	 * @return the partitions
	 */
	private Partition[] partition(Iterable<? extends Session> sessions) {
		List<EventLoop> loops = new ArrayList<>(4);
		List<List<ChannelSession>> members = new ArrayList<>(4);
		for (Session session : sessions) {
			if (session instanceof ChannelSession member) {
				EventLoop loop = member.eventLoop();
				// a linear scan: there are only as many partitions as event loops
				int index = loops.indexOf(loop);
				if (index < 0) {
					index = loops.size();
					loops.add(loop);
					members.add(new ArrayList<>());
				}
				members.get(index).add(member);
			}
		}
		Partition[] partitions = new Partition[loops.size()];
		for (int i = 0; i < partitions.length; i++) {
			EventLoop loop = loops.get(i);
			partitions[i] = new Partition(loop, members.get(i).toArray(new ChannelSession[0]),
					this.flushers.computeIfAbsent(loop, LoopFlusher::new));
		}
		return partitions;
	}

	/**
	 * Counts the open sessions of each partition, leaving out one session (by identity or by id).
	 * @return the count per partition
	 */
	private static int[] recipients(Partition[] partitions, @Nullable Session except, long exceptId) {
		int[] counts = new int[partitions.length];
		for (int i = 0; i < partitions.length; i++) {
			for (ChannelSession member : partitions[i].members) {
				if (member.isOpen() && !Delivery.excludes(member, except, exceptId)) {
					counts[i]++;
				}
			}
		}
		return counts;
	}

	private static int sum(int[] counts) {
		int sum = 0;
		for (int count : counts) {
			sum += count;
		}
		return sum;
	}

	/**
	 * Writes a frame to the partitions' members, each partition on its loop; the caller keeps its
	 * reference to the frame.
	 * @param recipients the open members per partition
	 * @return the recipients, less those of loops that are shutting down
	 */
	private int dispatch(Partition[] partitions, int[] recipients, Delivery delivery) {
		int total = 0;
		// other loops first, so they start writing while this thread writes its own loop's share
		for (int i = 0; i < partitions.length; i++) {
			if (recipients[i] > 0 && !partitions[i].loop.inEventLoop()) {
				total += schedule(partitions[i], recipients[i], delivery) ? recipients[i] : 0;
			}
		}
		for (int i = 0; i < partitions.length; i++) {
			if (recipients[i] > 0 && partitions[i].loop.inEventLoop()) {
				new LoopBatch(partitions[i], recipients[i], delivery.retain(), this.statistics).run();
				total += recipients[i];
			}
		}
		return total;
	}

	/** Hands a broadcast to the relay; a failing relay never stops local delivery. */
	private void relayBroadcast(@Nullable String group, ByteBuf frame, int payloadSize, long except) {
		try {
			this.relay.relayBroadcast(group, frame, payloadSize, except);
		}
		catch (RuntimeException ex) {
			logger.error("Relaying a broadcast to " + ((group != null) ? "group '" + group + "'" : "all sessions")
					+ " failed", ex);
		}
	}

	/**
	 * Hands a partition's share of a broadcast to its event loop, which then holds a reference to the frame.
	 * @return {@code false} if the loop is shutting down (its sessions are closing, and are not counted)
	 */
	private boolean schedule(Partition partition, int recipients, Delivery delivery) {
		// a copy of its own: every member's write retains and releases the frame, and the reference
		// count then stays on this loop's core instead of bouncing between the loops'
		Delivery copy = delivery.copy();
		try {
			partition.loop.execute(new LoopBatch(partition, recipients, copy, this.statistics));
			return true;
		}
		catch (RejectedExecutionException ex) {
			copy.frame.release();
			return false;
		}
	}

	private int send(long sessionId, boolean typed, int type, Object message) {
		Objects.requireNonNull(message, "message");
		Optional<Session> found = this.registry.find(sessionId);
		if (found.isEmpty() && this.relay.isActive() && this.relay.isRemote(sessionId)) {
			return relaySend(sessionId, typed, type, message);
		}
		if (found.isEmpty() || !found.get().isOpen()) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		Session session = found.get();
		if (session instanceof ChannelSession member) {
			member.sendPayload(encode(typed, type, message));
		}
		else if (typed) {
			session.send(type, message);
		}
		else {
			session.send(message);
		}
		return 1;
	}

	private int relaySend(long sessionId, boolean typed, int type, Object message) {
		ByteBuf payload = encode(typed, type, message);
		int payloadSize = payload.readableBytes();
		ByteBuf frame = frame(payload);
		try {
			return this.relay.relaySend(sessionId, frame, payloadSize) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			logger.error("Relaying a send to session " + sessionId + " failed", ex);
			return 0;
		}
		finally {
			frame.release();
		}
	}

	/** Encodes a message into a payload of at most the protocol's maximum frame size. */
	private ByteBuf encode(boolean typed, int type, Object message) {
		ByteBuf payload = typed ? this.encoder.encode(this.allocator, type, message)
				: this.encoder.encode(this.allocator, message);
		int size = payload.readableBytes();
		if (size > this.protocol.maxFrameSize()) {
			payload.release();
			throw new FrameTooLargeException(size, this.protocol.maxFrameSize());
		}
		return payload;
	}

	/**
	 * Frames a payload into one direct buffer. The protocol's parts (header, payload, trailer) are
	 * copied together once per broadcast (one copy, whatever the member count), so that each member's
	 * write is one contiguous buffer: one iovec, where a composite makes the transport build a
	 * {@code ByteBuffer} array again for every member's write. A composite measured no faster (200
	 * members on loopback, 64 B to 16 KB payloads).
	 */
	private ByteBuf frame(ByteBuf payload) {
		List<Object> parts = new ArrayList<>(3);
		try {
			this.protocol.encode(this.allocator, payload, parts);
			if (parts.size() == 1 && parts.get(0) instanceof ByteBuf only && only.isDirect()) {
				parts.clear();
				return only;
			}
			long total = 0;
			for (Object part : parts) {
				if (!(part instanceof ByteBuf buf)) {
					throw new IllegalStateException("Protocol " + this.protocol.description() + " framed a "
							+ part.getClass().getName() + "; broadcasts need ByteBuf frames");
				}
				total += buf.readableBytes();
			}
			if (total > Integer.MAX_VALUE) {
				throw new FrameTooLargeException(total, this.protocol.maxFrameSize());
			}
			ByteBuf frame = this.allocator.ioBuffer((int) total);
			for (Object part : parts) {
				ByteBuf buf = (ByteBuf) part;
				frame.writeBytes(buf, buf.readerIndex(), buf.readableBytes());
			}
			return frame;
		}
		finally {
			parts.forEach(ReferenceCountUtil::release);
		}
	}

	/**
	 * Checks a group name against the rules in the class description.
	 * @param group the name
	 * @return the name
	 */
	private String checkGroupName(String group) {
		Objects.requireNonNull(group, "group");
		int length = group.length();
		if (length == 0) {
			throw new IllegalArgumentException("Group name must not be empty");
		}
		if (length > this.maxGroupNameLength) {
			throw new IllegalArgumentException("Group name must be at most " + this.maxGroupNameLength
					+ " characters (packnet.broadcast.max-group-name-length) but has " + length + ": '"
					+ group.substring(0, Math.min(length, 32)) + "...'");
		}
		for (int i = 0; i < length; i++) {
			char c = group.charAt(i);
			if (Character.isISOControl(c)) {
				throw new IllegalArgumentException(String.format(
						"Group name must not contain control characters but has U+%04X at index %d", (int) c, i));
			}
		}
		return group;
	}

	private static ChannelSession member(Session session) {
		if (Objects.requireNonNull(session, "session") instanceof ChannelSession member) {
			return member;
		}
		throw new IllegalArgumentException("Groups hold sessions of the packnet server (ChannelSession), not a "
				+ session.getClass().getName());
	}

	/** Removes a session from one group's members, dropping the group when it empties. */
	private void removeMember(String group, Session session) {
		this.groups.computeIfPresent(group, (name, existing) -> existing.remove(session) ? null : existing);
	}

	/** Removes a closed session from every group and forgets it; idempotent. */
	private void forget(Session session) {
		Membership membership = this.memberships.remove(session);
		if (membership == null) {
			return;
		}
		synchronized (membership) {
			membership.closed = true;
			membership.groups.forEach((group) -> removeMember(group, session));
			membership.groups.clear();
		}
	}

	/**
	 * A group's members, and a snapshot of them by event loop that broadcasts share until the
	 * members change. Changed only inside {@code groups.compute} on the group's name, so one change
	 * at a time.
	 */
	private static final class Group {

		final Set<ChannelSession> members = ConcurrentHashMap.newKeySet();

		/** Odd while a change is under way (a seqlock's counter). */
		private volatile int version;

		private volatile @Nullable Snapshot snapshot;

		void add(ChannelSession member) {
			this.version++;
			this.members.add(member);
			this.version++;
		}

		/** @return {@code true} if the group is now empty */
		boolean remove(Session member) {
			this.version++;
			this.members.remove(member);
			this.version++;
			return this.members.isEmpty();
		}

		/**
		 * Returns the members by event loop, rebuilt only after they changed.
		 * @param partitioner groups sessions by event loop
		 */
		Partition[] partitions(Function<Iterable<? extends Session>, Partition[]> partitioner) {
			int version = this.version;
			Snapshot current = this.snapshot;
			if (current != null && current.version == version) {
				return current.partitions;
			}
			Partition[] partitions = partitioner.apply(this.members);
			if ((version & 1) == 0 && this.version == version) {
				this.snapshot = new Snapshot(version, partitions);
				return partitions;
			}
			// changed meanwhile: the weakly consistent iteration may have met a member that left and
			// re-joined twice (a re-added member goes to the end of its hash bin)
			return partitioner.apply(new LinkedHashSet<>(Arrays.asList(allMembers(partitions))));
		}

		private static ChannelSession[] allMembers(Partition[] partitions) {
			return Arrays.stream(partitions).flatMap((partition) -> Arrays.stream(partition.members))
				.toArray(ChannelSession[]::new);
		}

	}

	/** A group's partitions as of one version of its members. */
	private record Snapshot(int version, Partition[] partitions) {
	}

	/**
	 * Sessions on one event loop, and the loop's flusher. The array is never changed once built: many
	 * broadcasts share it.
	 */
	private record Partition(EventLoop loop, ChannelSession[] members, LoopFlusher flusher) {
	}

	/** One broadcast's frame, and who does not get it. */
	private record Delivery(ByteBuf frame, int payloadSize, @Nullable Session except, long exceptId) {

		Delivery retain() {
			this.frame.retain();
			return this;
		}

		Delivery copy() {
			return new Delivery(this.frame.copy(), this.payloadSize, this.except, this.exceptId);
		}

		boolean excludes(ChannelSession member) {
			return excludes(member, this.except, this.exceptId);
		}

		static boolean excludes(ChannelSession member, @Nullable Session except, long exceptId) {
			return member == except || (exceptId != BroadcastRelay.NO_SESSION && member.id() == exceptId);
		}

	}

	/** Delivers frames other servers relayed here to this server's sessions, without relaying them again. */
	private final class RelayedFrames implements BroadcastRelay.LocalDelivery {

		@Override
		public int deliverToGroup(String group, ByteBuf frame, int payloadSize, long except) {
			Group found = BroadcastTemplate.this.groups.get(group);
			return deliver((found != null) ? found.partitions(BroadcastTemplate.this.partitioner) : NO_PARTITIONS,
					frame, payloadSize, except);
		}

		@Override
		public int deliverToAll(ByteBuf frame, int payloadSize, long except) {
			return deliver(partition(BroadcastTemplate.this.registry.sessions()), frame, payloadSize, except);
		}

		@Override
		public int deliverToSession(long sessionId, ByteBuf frame, int payloadSize) {
			Optional<Session> session = BroadcastTemplate.this.registry.find(sessionId);
			return deliver(partition(session.isPresent() ? List.of(session.get()) : List.of()), frame, payloadSize,
					BroadcastRelay.NO_SESSION);
		}

		private int deliver(Partition[] partitions, ByteBuf frame, int payloadSize, long except) {
			try {
				int[] recipients = recipients(partitions, null, except);
				if (sum(recipients) == 0) {
					return 0;
				}
				int total = dispatch(partitions, recipients, new Delivery(frame, payloadSize, null, except));
				BroadcastTemplate.this.statistics.broadcast(total);
				return total;
			}
			finally {
				frame.release();
			}
		}

	}

	/** One session's groups. Kept while the session is open, even with no groups, so it is never replaced. */
	private static final class Membership {

		/** Guarded by this. */
		final Set<String> groups = new HashSet<>(4);

		/** Guarded by this: set once the session has closed and been forgotten. */
		boolean closed;

	}

	/** Removes closed sessions from their groups, after every other listener has seen them. */
	private final class AutoLeave implements SessionListener, Ordered {

		@Override
		public void sessionClosed(Session session, CloseReason reason, @Nullable Throwable cause) {
			forget(session);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * Flushes the members broadcasts wrote on one event loop, once, after the broadcasts queued on the
	 * loop: a burst of broadcasts then costs each member one gathering write instead of one per frame.
	 * Confined to its loop. Order with {@code Session.send} holds, as its flush covers earlier writes.
	 */
	private static final class LoopFlusher implements Runnable {

		private final EventLoop loop;

		private final List<ChannelSession> pending = new ArrayList<>();

		private boolean scheduled;

		LoopFlusher(EventLoop loop) {
			this.loop = loop;
		}

		void add(ChannelSession member) {
			if (member.markFlushDeferred()) {
				this.pending.add(member);
			}
		}

		void schedule() {
			if (this.scheduled || this.pending.isEmpty()) {
				return;
			}
			try {
				this.loop.execute(this);
				this.scheduled = true;
			}
			catch (RejectedExecutionException ex) {
				// the loop is shutting down and closes its channels: nothing left to flush
				run();
			}
		}

		@Override
		public void run() {
			this.scheduled = false;
			List<ChannelSession> members = this.pending;
			// by index: a flush can run a listener that broadcasts on this loop and adds members here
			for (int i = 0; i < members.size(); i++) {
				ChannelSession member = members.get(i);
				try {
					member.flushDeferred();
				}
				catch (RuntimeException ex) {
					logger.error("Broadcast flush to session " + member.id() + " failed", ex);
				}
			}
			members.clear();
		}

	}

	/**
	 * One broadcast's share on one event loop: writes the frame to the partition's members, then
	 * has them flushed. Holds one reference to the frame, released when it has run.
	 */
	private static final class LoopBatch implements Runnable {

		private final Partition partition;

		/** The members that were open when the broadcast was made: delivered or counted undelivered. */
		private final int recipients;

		private final Delivery delivery;

		private final BroadcastStatistics statistics;

		LoopBatch(Partition partition, int recipients, Delivery delivery, BroadcastStatistics statistics) {
			this.partition = partition;
			this.recipients = recipients;
			this.delivery = delivery;
			this.statistics = statistics;
		}

		@Override
		public void run() {
			ByteBuf frame = this.delivery.frame;
			LoopFlusher flusher = this.partition.flusher;
			int delivered = 0;
			ChannelSession written = null;
			try {
				for (ChannelSession member : this.partition.members) {
					// as counted: a member closed then is closed now, and is not a recipient
					if (member.isOpen() && !this.delivery.excludes(member)) {
						if (write(member, frame)) {
							flusher.add(member);
							written = member;
							delivered++;
						}
					}
				}
			}
			finally {
				frame.release();
				if (written != null) {
					written.countFramesWritten(delivered, (long) delivered * this.delivery.payloadSize);
				}
				this.statistics.written(delivered, this.recipients - delivered);
				flusher.schedule();
			}
		}

		private boolean write(ChannelSession member, ByteBuf frame) {
			try {
				return member.writeFrame(frame.retainedDuplicate(), this.delivery.payloadSize);
			}
			catch (RuntimeException ex) {
				logger.error("Broadcast write to session " + member.id() + " failed", ex);
				return false;
			}
		}

	}

}
