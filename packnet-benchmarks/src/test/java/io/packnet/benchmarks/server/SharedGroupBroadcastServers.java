package io.packnet.benchmarks.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Broadcast servers for tests that behave like the nodes of a cluster: each listens on its own port with its
 * own event loops, but all share one group, so a broadcast on any of them reaches the members of all.
 */
public final class SharedGroupBroadcastServers {

	private SharedGroupBroadcastServers() {
	}

	/** Binds {@code count} servers on free ports; close each to stop it. */
	public static List<RunningServer> start(ServerOptions options, int count) throws InterruptedException {
		BroadcastServerHandler handler = new BroadcastServerHandler(options.lengthPrefix(), new LoopPartitionedGroup());
		List<RunningServer> servers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			servers.add(NettyServer.bind(options, "shared-group-" + i,
					options.transport().newEventLoopGroup(1, "shared-group-" + i + "-io"),
					pipeline -> pipeline.addLast(options.lengthPrefix().newDecoder(options.maxPayloadSize()))
						.addLast(handler)));
		}
		return servers;
	}

}
