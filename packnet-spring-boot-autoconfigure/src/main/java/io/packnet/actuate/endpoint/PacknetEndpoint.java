package io.packnet.actuate.endpoint;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.packnet.server.PacketServer;
import io.packnet.server.ResolvedTransport;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code packnet} actuator endpoint (read-only): the server, the open session count, and one
 * session's details by id. Session attributes are listed by name only; their values never leave
 * the application.
 */
@Endpoint(id = "packnet")
public class PacknetEndpoint {

	private final SessionRegistry registry;

	private final @Nullable PacketServer server;

	/**
	 * Creates the endpoint.
	 * @param registry the open sessions
	 * @param server the server, or {@code null} in an application that runs none
	 */
	public PacknetEndpoint(SessionRegistry registry, @Nullable PacketServer server) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.server = server;
	}

	/**
	 * Describes the server and its sessions.
	 * @return the description
	 */
	@ReadOperation
	public PacknetDescriptor packnet() {
		return new PacknetDescriptor((this.server != null) ? ServerDescriptor.of(this.server) : null,
				this.registry.size());
	}

	/**
	 * Describes one open session.
	 * @param sessionId the session's id
	 * @return the description, or {@code null} (404) when no open session has that id
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector long sessionId) {
		return this.registry.find(sessionId).map(SessionDescriptor::of).orElse(null);
	}

	/**
	 * The endpoint's response.
	 *
	 * @param server the server, or {@code null} when the application runs none
	 * @param sessions how many sessions are open
	 */
	public record PacknetDescriptor(@Nullable ServerDescriptor server, int sessions) implements OperationResponseBody {
	}

	/**
	 * Where and how the server listens.
	 *
	 * @param state the lifecycle state ({@code RUNNING}, {@code DRAINING}...)
	 * @param host the bound host
	 * @param port the bound port, or the configured one before the server is bound
	 * @param transport the transport ({@code nio}, {@code epoll}, {@code io-uring}; {@code auto} before start)
	 * @param framing the protocol's description
	 */
	public record ServerDescriptor(String state, String host, int port, String transport, String framing) {

		static ServerDescriptor of(PacketServer server) {
			ResolvedTransport transport = server.transport();
			return new ServerDescriptor(server.state().name(), server.options().getHost(),
					(server.port() >= 0) ? server.port() : server.options().getPort(),
					(transport != null) ? transport.displayName()
							: server.options().getTransport().displayName(),
					server.protocol().description());
		}

	}

	/**
	 * One session.
	 *
	 * @param id the session id
	 * @param remoteAddress the peer's address ({@code host:port})
	 * @param localAddress the address the connection arrived on
	 * @param startedAt when the session started (ISO-8601)
	 * @param age how long it has been open (ISO-8601 duration)
	 * @param pendingOutboundBytes bytes queued and not yet written to the socket
	 * @param attributes the names of its attributes, sorted; never the values
	 */
	public record SessionDescriptor(long id, String remoteAddress, String localAddress, String startedAt, String age,
			long pendingOutboundBytes, List<String> attributes) implements OperationResponseBody {

		static SessionDescriptor of(Session session) {
			Instant startedAt = session.startedAt();
			return new SessionDescriptor(session.id(), address(session.remoteAddress()),
					address(session.localAddress()), startedAt.toString(),
					Duration.between(startedAt, Instant.now()).toString(), session.pendingOutboundBytes(),
					session.attributes().keySet().stream().sorted().toList());
		}

		private static String address(SocketAddress address) {
			if (address instanceof InetSocketAddress inet) {
				return inet.getHostString() + ":" + inet.getPort();
			}
			return String.valueOf(address);
		}

	}

}
