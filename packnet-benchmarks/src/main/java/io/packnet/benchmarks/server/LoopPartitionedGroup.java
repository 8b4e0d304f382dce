package io.packnet.benchmarks.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * A broadcast group whose members are partitioned by event loop, so each loop writes to its own members
 * without locks: a broadcast becomes one task per loop (run inline on the caller's loop), and every
 * member gets a {@code retainedDuplicate()} of the one encoded frame. Flushes are coalesced: a loop
 * flushes its members once after all the broadcasts queued so far, not once per broadcast, so a burst of
 * broadcasts costs each member one write system call.
 */
final class LoopPartitionedGroup {

	private final Map<EventLoop, LoopMembers> partitions = new ConcurrentHashMap<>();

	/** Adds {@code member}; call on its event loop. It leaves the group when it closes. */
	void join(Channel member) {
		Objects.requireNonNull(member, "member");
		LoopMembers members = partitions.computeIfAbsent(member.eventLoop(), LoopMembers::new);
		members.add(member);
		member.closeFuture().addListener(f -> members.remove(member));
	}

	/**
	 * Writes {@code frame} (already length-prefixed) to every member except {@code sender}, and releases it.
	 * Must be called on an event loop.
	 */
	void broadcast(ByteBuf frame, Channel sender) {
		try {
			for (LoopMembers members : partitions.values()) {
				if (members.loop.inEventLoop()) {
					members.deliver(frame, sender);
				}
				else {
					ByteBuf shared = frame.retainedDuplicate();
					members.loop.execute(() -> {
						try {
							members.deliver(shared, sender);
						}
						finally {
							shared.release();
						}
					});
				}
			}
		}
		finally {
			frame.release();
		}
	}

	/** The members on one event loop; touched only from that loop. */
	private static final class LoopMembers {

		private final EventLoop loop;

		private final List<Channel> channels = new ArrayList<>();

		private final Runnable flushAll = this::flushAll;

		private boolean flushScheduled;

		LoopMembers(EventLoop loop) {
			this.loop = loop;
		}

		void add(Channel member) {
			channels.add(member);
		}

		void remove(Channel member) {
			channels.remove(member);
		}

		void deliver(ByteBuf frame, Channel sender) {
			for (int i = 0; i < channels.size(); i++) {
				Channel member = channels.get(i);
				if (member != sender) {
					member.write(frame.retainedDuplicate(), member.voidPromise());
				}
			}
			if (!flushScheduled) {
				// runs after the tasks and reads already pending on this loop, so it covers their writes too
				flushScheduled = true;
				loop.execute(flushAll);
			}
		}

		private void flushAll() {
			flushScheduled = false;
			for (int i = 0; i < channels.size(); i++) {
				channels.get(i).flush();
			}
		}

	}

}
