package io.packnet.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.server.PacketServer;
import io.packnet.server.ResolvedTransport;
import io.packnet.server.ServerOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the packet server: {@code UP} while it is bound and accepting, {@code OUT_OF_SERVICE}
 * while it drains or after a deliberate stop, {@code DOWN} when it is not listening (not started,
 * failed to bind, or its listening socket closed). Details say where it listens and how busy it is
 * (sessions, groups, connections rejected). With the cluster relay, a {@code cluster} detail shows
 * the relay's own status and why it is down, and a running server whose relay is down is
 * {@code DOWN}: its broadcasts and sends reach its own sessions only.
 */
public class PacknetHealthIndicator implements HealthIndicator {

	private static final Status NOT_LISTENING = new Status(Status.DOWN.getCode(),
			"not listening: not started, bind failed, or the listening socket closed");

	private static final Status DRAINING = new Status(Status.OUT_OF_SERVICE.getCode(),
			"draining: no longer accepting, closing sessions");

	private static final Status STOPPED = new Status(Status.OUT_OF_SERVICE.getCode(), "stopped");

	private static final Status CLUSTER_DOWN = new Status(Status.DOWN.getCode(),
			"cluster relay down: broadcasts and sends reach this server's sessions only (see details.cluster)");

	private final PacketServer server;

	private final @Nullable BroadcastTemplate broadcast;

	private final @Nullable HealthIndicator cluster;

	/**
	 * Creates an indicator for a server.
	 * @param server the server
	 * @param broadcast the broadcast groups, or {@code null} to not report a group count
	 */
	public PacknetHealthIndicator(PacketServer server, @Nullable BroadcastTemplate broadcast) {
		this(server, broadcast, null);
	}

	/**
	 * Creates an indicator for a server of a cluster.
	 * @param server the server
	 * @param broadcast the broadcast groups, or {@code null} to not report a group count
	 * @param cluster the cluster relay's health, reported as the {@code cluster} detail, or {@code null}
	 */
	public PacknetHealthIndicator(PacketServer server, @Nullable BroadcastTemplate broadcast,
			@Nullable HealthIndicator cluster) {
		this.server = Objects.requireNonNull(server, "server");
		this.broadcast = broadcast;
		this.cluster = cluster;
	}

	@Override
	public Health health() {
		PacketServer.State state = this.server.state();
		ServerOptions options = this.server.options();
		ResolvedTransport transport = this.server.transport();
		Health.Builder builder = Health.status(status(state))
			.withDetail("state", state.name())
			.withDetail("host", options.getHost())
			.withDetail("port", (this.server.port() >= 0) ? this.server.port() : options.getPort())
			.withDetail("transport", (transport != null) ? transport.displayName()
					: options.getTransport().displayName())
			.withDetail("framing", this.server.protocol().description())
			.withDetail("sessions", this.server.registry().size())
			.withDetail("connectionsRejected", this.server.statistics().connectionsRejected());
		if (this.broadcast != null) {
			builder.withDetail("groups", this.broadcast.groupCount());
		}
		if (this.cluster != null) {
			Health cluster = this.cluster.health();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", cluster.getStatus().getCode());
			details.putAll(cluster.getDetails());
			builder.withDetail("cluster", details);
			if (state == PacketServer.State.RUNNING && Status.DOWN.equals(cluster.getStatus())) {
				builder.status(CLUSTER_DOWN);
			}
		}
		return builder.build();
	}

	private static Status status(PacketServer.State state) {
		return switch (state) {
			case RUNNING -> Status.UP;
			case DRAINING -> DRAINING;
			case STOPPED -> STOPPED;
			case NEW, FAILED -> NOT_LISTENING;
		};
	}

}
