package io.packnet.benchmarks.server;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Auto-configurations that the Boot servers under test switch off: every server shares one classpath, so
 * each would otherwise also start what only another one needs (and pay for it in startup time and heap).
 */
final class ExcludedAutoConfigurations {

	/** Spring Integration, which only {@link SpringIntegrationEchoServer} uses. */
	static final List<String> INTEGRATION = List.of(
			"org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
			"org.springframework.boot.integration.autoconfigure.IntegrationGraphEndpointAutoConfiguration",
			"org.springframework.boot.integration.autoconfigure.metrics.IntegrationMetricsAutoConfiguration");

	/** Redis's connection factory, which only a {@link PacknetServer} cluster node uses. */
	static final String REDIS_CONNECTION = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

	/** Parts of Spring Data Redis that no server uses: the reactive client and repository scanning. */
	static final List<String> UNUSED_REDIS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");

	private ExcludedAutoConfigurations() {
	}

	/** The value of {@code spring.autoconfigure.exclude} for the names given. */
	@SafeVarargs
	static String property(List<String>... names) {
		return Arrays.stream(names).flatMap(List::stream).collect(Collectors.joining(","));
	}

}
