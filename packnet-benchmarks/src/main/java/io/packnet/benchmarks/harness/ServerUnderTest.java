package io.packnet.benchmarks.harness;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.packnet.benchmarks.wire.LengthPrefix;

/**
 * Every server the harness can measure, each started as its own JVM from {@link #mainClass()}. The
 * extension point for new servers: add an entry (main class plus extra arguments) whose main follows
 * {@link io.packnet.benchmarks.server.ServerControl} and the {@linkplain io.packnet.benchmarks.wire wire
 * conventions} of its role. Servers whose main is {@link Sizes#PACKNET_MAIN} route on the type field, so echo
 * plans hand them {@code --type-field-size} (see {@link BenchmarkPlan#serverArgs(ServerUnderTest)}).
 */
public enum ServerUnderTest {

	/** Plain Netty echo: the baseline for echo scenarios. */
	RAW_NETTY_ECHO("raw-netty", Role.ECHO, "io.packnet.benchmarks.server.RawNettyEchoServer", List.of(), true,
			Sizes.ANY_PREFIX, true, true),

	/** Spring Integration IP: blocking {@code TcpNetServerConnectionFactory}, length header serializer, inbound gateway. */
	SPRING_INTEGRATION_ECHO("spring-integration-ip", Role.ECHO, Sizes.SPRING_INTEGRATION_MAIN,
			List.of("--connection-factory", "net"), false, Sizes.SPRING_INTEGRATION_PREFIX, false, true),

	/**
	 * Spring Integration IP with {@code TcpNioServerConnectionFactory}: it may reorder pipelined replies,
	 * so it is measured for idle memory only.
	 */
	SPRING_INTEGRATION_NIO_ECHO("spring-integration-ip-nio", Role.ECHO, Sizes.SPRING_INTEGRATION_MAIN,
			List.of("--connection-factory", "nio"), false, Sizes.SPRING_INTEGRATION_PREFIX, false, false),

	/** packnet: a Boot application, a {@code byte[]} echo {@code @PacketMapping} on the type-field router. */
	PACKNET_ECHO("packnet", Role.ECHO, Sizes.PACKNET_MAIN, List.of("--role", "echo"), false, Sizes.ANY_PREFIX, true,
			true),

	/** packnet with a zero-copy {@code ByteBuf} echo {@code @PacketMapping}: the framework without the {@code byte[]} copies. */
	PACKNET_BYTEBUF_ECHO("packnet-bytebuf", Role.ECHO, Sizes.PACKNET_MAIN, List.of("--role", "echo_bytebuf"), false,
			Sizes.ANY_PREFIX, true, true),

	/** packnet's {@code byte[]} echo with a Micrometer registry: frame counters and handler timers on every frame. */
	PACKNET_METRICS_ECHO("packnet-metrics", Role.ECHO, Sizes.PACKNET_MAIN,
			List.of("--role", "echo", "--metrics", "on"), false, Sizes.ANY_PREFIX, true, true),

	/** Plain Netty encode-once broadcast: the baseline for broadcast scenarios. */
	RAW_NETTY_BROADCAST("raw-netty", Role.BROADCAST, "io.packnet.benchmarks.server.RawNettyBroadcastServer",
			List.of(), true, Sizes.ANY_PREFIX, true, true),

	/** packnet: {@code BroadcastTemplate} joins and broadcasts from a {@code ByteBuf} {@code @PacketMapping}. */
	PACKNET_BROADCAST("packnet", Role.BROADCAST, Sizes.PACKNET_MAIN, List.of("--role", "broadcast"), false,
			Sizes.ANY_PREFIX, true, true);

	/** What a server does, and so which load it gets. */
	public enum Role {

		/** Returns every frame to its sender. */
		ECHO,

		/** Delivers frames to the other joined connections. */
		BROADCAST

	}

	private final String label;

	private final Role role;

	private final String mainClass;

	private final List<String> extraArgs;

	private final boolean baseline;

	private final Set<Integer> headerSizes;

	private final boolean littleEndian;

	private final boolean ordered;

	ServerUnderTest(String label, Role role, String mainClass, List<String> extraArgs, boolean baseline,
			Set<Integer> headerSizes, boolean littleEndian, boolean ordered) {
		this.ordered = ordered;
		this.label = label;
		this.role = role;
		this.mainClass = mainClass;
		this.extraArgs = extraArgs;
		this.baseline = baseline;
		this.headerSizes = headerSizes;
		this.littleEndian = littleEndian;
	}

	/** The servers of one role, baseline first. */
	public static List<ServerUnderTest> withRole(Role role) {
		Objects.requireNonNull(role, "role");
		return Arrays.stream(values())
			.filter(server -> server.role == role)
			.sorted((a, b) -> Boolean.compare(b.baseline, a.baseline))
			.toList();
	}

	/** The short name printed in result tables and accepted by {@code --servers}. */
	public String label() {
		return label;
	}

	public Role role() {
		return role;
	}

	public String mainClass() {
		return mainClass;
	}

	/** Arguments passed after the common server options. */
	public List<String> extraArgs() {
		return extraArgs;
	}

	/** Whether the other servers of this role are compared with this one. */
	public boolean baseline() {
		return baseline;
	}

	/** Whether replies keep the order of requests on a connection, as the echo and broadcast loads require. */
	public boolean ordered() {
		return ordered;
	}

	/** Whether an echo server of this entry routes on the payload's type field, so needs its size. */
	public boolean routesOnTypeField() {
		return role == Role.ECHO && mainClass.equals(Sizes.PACKNET_MAIN);
	}

	/** Whether the server can frame with {@code prefix}. */
	public boolean supports(LengthPrefix prefix) {
		Objects.requireNonNull(prefix, "prefix");
		return headerSizes.contains(prefix.size()) && (littleEndian || prefix.order() == ByteOrder.BIG_ENDIAN);
	}

	private static final class Sizes {

		static final Set<Integer> ANY_PREFIX = Set.of(1, 2, 3, 4, 8);

		static final Set<Integer> SPRING_INTEGRATION_PREFIX = Set.of(1, 2, 4);

		static final String SPRING_INTEGRATION_MAIN = "io.packnet.benchmarks.server.SpringIntegrationEchoServer";

		static final String PACKNET_MAIN = "io.packnet.benchmarks.server.PacknetServer";

	}

}
