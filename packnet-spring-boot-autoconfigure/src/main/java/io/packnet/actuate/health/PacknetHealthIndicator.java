package io.packnet.actuate.health;

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
 * (sessions, groups, connections rejected).
 */
public class PacknetHealthIndicator implements HealthIndicator {

	private static final Status NOT_LISTENING = new Status(Status.DOWN.getCode(),
			"not listening: not started, bind failed, or the listening socket closed");

	private static final Status DRAINING = new Status(Status.OUT_OF_SERVICE.getCode(),
			"draining: no longer accepting, closing sessions");

	private static final Status STOPPED = new Status(Status.OUT_OF_SERVICE.getCode(), "stopped");

	private final PacketServer server;

	private final @Nullable BroadcastTemplate broadcast;

	/**
	 * Creates an indicator for a server.
	 * @param server the server
	 * @param broadcast the broadcast groups, or {@code null} to not report a group count
	 */
	public PacknetHealthIndicator(PacketServer server, @Nullable BroadcastTemplate broadcast) {
		this.server = Objects.requireNonNull(server, "server");
		this.broadcast = broadcast;
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
