package io.packnet.actuate.endpoint;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.handler.PacketHandlerMappings;
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
 * The {@code packnet} actuator endpoint (read-only): the server, the open session count, the
 * broadcast groups with their sizes, the {@code @PacketHandler} mappings, and one session's
 * details by id. Session attributes are listed by name only; their values never leave the
 * application.
 */
@Endpoint(id = "packnet")
public class PacknetEndpoint {

	/** Most groups listed by name; {@code groupCount} always gives the total. */
	static final int MAX_LISTED_GROUPS = 1000;

	private final SessionRegistry registry;

	private final @Nullable PacketServer server;

	private final @Nullable BroadcastTemplate broadcast;

	private final @Nullable PacketHandlerMappings mappings;

	/**
	 * Creates the endpoint.
	 * @param registry the open sessions
	 * @param server the server, or {@code null} in an application that runs none
	 * @param broadcast the broadcast groups, or {@code null}
	 * @param mappings the handler mappings, or {@code null} without {@code @PacketHandler} dispatch
	 */
	public PacknetEndpoint(SessionRegistry registry, @Nullable PacketServer server,
			@Nullable BroadcastTemplate broadcast, @Nullable PacketHandlerMappings mappings) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.server = server;
		this.broadcast = broadcast;
		this.mappings = mappings;
	}

	/**
	 * Describes the server, its sessions, groups and handlers.
	 * @return the description
	 */
	@ReadOperation
	public PacknetDescriptor packnet() {
		return new PacknetDescriptor((this.server != null) ? ServerDescriptor.of(this.server) : null,
				this.registry.size(), (this.broadcast != null) ? this.broadcast.groupCount() : 0, groups(),
				(this.mappings != null) ? HandlersDescriptor.of(this.mappings) : null);
	}

	private Map<String, Integer> groups() {
		BroadcastTemplate broadcast = this.broadcast;
		Map<String, Integer> sizes = new TreeMap<>();
		if (broadcast == null) {
			return sizes;
		}
		broadcast.groups().stream().sorted().limit(MAX_LISTED_GROUPS).forEach((group) -> {
			int size = broadcast.size(group);
			if (size > 0) {
				sizes.put(group, size);
			}
		});
		return sizes;
	}

	/**
	 * Describes one open session.
	 * @param sessionId the session's id
	 * @return the description, or {@code null} (404) when no open session has that id
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector long sessionId) {
		return this.registry.find(sessionId).map(this::describe).orElse(null);
	}

	private SessionDescriptor describe(Session session) {
		List<String> groups = (this.broadcast != null) ? this.broadcast.groupsOf(session).stream().sorted().toList()
				: List.of();
		return SessionDescriptor.of(session, groups);
	}

	/**
	 * The endpoint's response.
	 *
	 * @param server the server, or {@code null} when the application runs none
	 * @param sessions how many sessions are open
	 * @param groupCount how many broadcast groups have members
	 * @param groups member count by group name, sorted by name; at most the first 1000 names
	 * @param handlers the {@code @PacketHandler} routes, or {@code null} without handler dispatch
	 */
	public record PacknetDescriptor(@Nullable ServerDescriptor server, int sessions, int groupCount,
			Map<String, Integer> groups, @Nullable HandlersDescriptor handlers) implements OperationResponseBody {
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
					(transport != null) ? transport.displayName() : server.options().getTransport().displayName(),
					server.protocol().description());
		}

	}

	/**
	 * How frames find their handler methods.
	 *
	 * @param routing {@code off}, the type field, or the router bean
	 * @param mappings the routes, typed ones in ascending type order, the default route last
	 */
	public record HandlersDescriptor(String routing, List<MappingDescriptor> mappings) {

		static HandlersDescriptor of(PacketHandlerMappings mappings) {
			return new HandlersDescriptor(mappings.routing(),
					mappings.mappings().stream().map(MappingDescriptor::of).toList());
		}

	}

	/**
	 * One route.
	 *
	 * @param type the message type (unsigned), or {@code default} for the route of every other type
	 * @param replyType the type replies carry, or {@code null} for the request's own
	 * @param handler {@code bean#method(ParameterTypes)}
	 */
	public record MappingDescriptor(String type, @Nullable Long replyType, String handler) {

		static MappingDescriptor of(PacketHandlerMappings.Mapping mapping) {
			Long type = mapping.type();
			return new MappingDescriptor((type != null) ? Long.toString(type) : "default", mapping.replyType(),
					mapping.handler().description());
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
	 * @param groups the broadcast groups it is a member of, sorted
	 * @param attributes the names of its attributes, sorted; never the values
	 */
	public record SessionDescriptor(long id, String remoteAddress, String localAddress, String startedAt, String age,
			long pendingOutboundBytes, List<String> groups, List<String> attributes) implements OperationResponseBody {

		static SessionDescriptor of(Session session, List<String> groups) {
			Instant startedAt = session.startedAt();
			return new SessionDescriptor(session.id(), address(session.remoteAddress()),
					address(session.localAddress()), startedAt.toString(),
					Duration.between(startedAt, Instant.now()).toString(), session.pendingOutboundBytes(), groups,
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
