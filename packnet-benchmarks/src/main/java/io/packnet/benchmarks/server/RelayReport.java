package io.packnet.benchmarks.server;

import java.util.Locale;
import java.util.Objects;

/**
 * A packnet server's cluster relay as the {@code CLUSTER} command reports it: its state and the counters
 * behind the {@code packnet.cluster.*} meters. Written by the server, parsed by the harness.
 *
 * @param state the relay's state ({@code STARTING}, {@code UP}, {@code DOWN}, {@code STOPPED})
 * @param relayed broadcasts published to Redis for the other nodes
 * @param received broadcasts other nodes relayed here
 * @param unavailable not relayed: Redis was down or slow ({@code packnet.cluster.not.relayed{reason=unavailable}})
 * @param queueFull not relayed: more than {@code packnet.cluster.max-pending-bytes} waited
 * @param publishFailed not relayed: publishing failed
 * @param pendingBytes bytes still waiting to be published
 */
public record RelayReport(String state, long relayed, long received, long unavailable, long queueFull,
		long publishFailed, long pendingBytes) {

	public RelayReport {
		Objects.requireNonNull(state, "state");
	}

	/** Parses the answer {@code CLUSTER <state> <relayed> <received> <unavailable> <queue-full> <publish-failed> <pending>}. */
	public static RelayReport parse(String answer) {
		String[] parts = Objects.requireNonNull(answer, "answer").trim().split("\\s+");
		if (parts.length != 8 || !parts[0].equals(ServerControl.CLUSTER)) {
			throw new IllegalArgumentException("Not a cluster relay report: '" + answer + "'");
		}
		return new RelayReport(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]),
				Long.parseLong(parts[5]), Long.parseLong(parts[6]), Long.parseLong(parts[7]));
	}

	/** The answer line that {@link #parse} reads. */
	public String toAnswer() {
		return String.join(" ", ServerControl.CLUSTER, state, Long.toString(relayed), Long.toString(received),
				Long.toString(unavailable), Long.toString(queueFull), Long.toString(publishFailed),
				Long.toString(pendingBytes));
	}

	/** Broadcasts that reached the origin's own sessions only: {@code packnet.cluster.not.relayed}, all reasons. */
	public long notRelayed() {
		return unavailable + queueFull + publishFailed;
	}

	/** E.g. {@code UP, relayed 1,200, received 0, not relayed 0, 0 B pending}, reasons named when not relayed. */
	public String describe() {
		String reasons = (notRelayed() == 0) ? ""
				: String.format(Locale.ROOT, " (unavailable %,d, queue-full %,d, publish-failed %,d)", unavailable,
						queueFull, publishFailed);
		return String.format(Locale.ROOT, "%s, relayed %,d, received %,d, not relayed %,d%s, %,d B pending", state,
				relayed, received, notRelayed(), reasons, pendingBytes);
	}

}
