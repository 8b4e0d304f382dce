package io.packnet.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * This server's identity in a cluster. The node id fills the high bits of every session id the
 * server issues, so that any server tells from a session id which one holds the session; the
 * instance id, random per start, tells a restarted node from its previous run.
 */
public final class ClusterNode {

	/** Bits of a session id below the node id: 2^40 sessions per server run. */
	public static final int NODE_ID_SHIFT = 40;

	/** The largest node id; node ids fill bits 40 to 62, so session ids stay positive. */
	public static final int MAX_NODE_ID = (1 << 23) - 1;

	private static final Log logger = LogFactory.getLog(ClusterNode.class);

	private final int id;

	private final int instance;

	private final Source source;

	/**
	 * Creates a node.
	 * @param id the node id, from 1 to {@link #MAX_NODE_ID}
	 * @param source where the id came from
	 */
	public ClusterNode(int id, Source source) {
		if (id < 1 || id > MAX_NODE_ID) {
			throw new IllegalArgumentException("Node id must be from 1 to " + MAX_NODE_ID + " but was " + id);
		}
		this.id = id;
		this.source = Objects.requireNonNull(source, "source");
		this.instance = ThreadLocalRandom.current().nextInt();
	}

	/**
	 * Takes the next node id from a Redis counter, so that every start in a cluster gets its own;
	 * falls back to a random id (logged) when Redis cannot be reached.
	 * @param connectionFactory the application's Redis connections
	 * @param counterKey the key of the counter
	 * @return the node
	 */
	public static ClusterNode fromCounter(RedisConnectionFactory connectionFactory, String counterKey) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			Long next = connection.stringCommands().incr(counterKey.getBytes(StandardCharsets.UTF_8));
			if (next == null) {
				throw new IllegalStateException("INCR " + counterKey + " returned no value");
			}
			return new ClusterNode((int) (Math.floorMod(next - 1, (long) MAX_NODE_ID) + 1), Source.COUNTER);
		}
		catch (RuntimeException ex) {
			int id = ThreadLocalRandom.current().nextInt(MAX_NODE_ID) + 1;
			logger.warn("Could not take a node id from the Redis counter " + counterKey + " (" + ex
					+ "); using the random node id " + id + ". Set packnet.cluster.node-id to choose one.");
			return new ClusterNode(id, Source.RANDOM);
		}
	}

	/**
	 * Returns the node id of the server that issued a session id.
	 * @param sessionId the session id
	 * @return the node id (0 for a session id issued outside a cluster)
	 */
	public static int nodeOf(long sessionId) {
		return (int) (sessionId >>> NODE_ID_SHIFT);
	}

	/** @return the node id */
	public int id() {
		return this.id;
	}

	/** @return the random id of this run of the node */
	public int instance() {
		return this.instance;
	}

	/** @return where the node id came from */
	public Source source() {
		return this.source;
	}

	/**
	 * Returns the base of this node's session ids, for {@code new SessionRegistry(base)}.
	 * @return the node id shifted into the high bits
	 */
	public long sessionIdBase() {
		return (long) this.id << NODE_ID_SHIFT;
	}

	@Override
	public String toString() {
		return "ClusterNode[id=" + this.id + ", source=" + this.source + "]";
	}

	/** Where a node id came from. */
	public enum Source {

		/** {@code packnet.cluster.node-id}. */
		CONFIGURED,

		/** The cluster's Redis counter. */
		COUNTER,

		/** Random, because Redis could not be reached at startup. */
		RANDOM

	}

}
