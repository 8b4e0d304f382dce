package io.packnet.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packnet.actuate.metrics.PacknetMetrics;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of {@link PacknetMetricsAutoConfiguration}.
 */
class PacknetMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, PacknetMetricsAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldBindMetersWhenBootsMetricsAutoConfigurationProvidesARegistry() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(PacknetMetrics.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("packnet.sessions.active").gauge().value()).isZero();
				context.getBean(PacknetStatistics.class).frameIn(10);
				assertThat(meters.get("packnet.data.received").functionCounter().count()).isEqualTo(10);
			});
	}

	@Test
	void shouldBindMetersWhenTheUserDefinesARegistry() {
		this.runner.withUserConfiguration(UserRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PacknetMetrics.class));
	}

	@Test
	void shouldNotBindMetersWithoutARegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(PacknetMetrics.class));
	}

	@Test
	void shouldBackOffWhenMicrometerIsNotOnTheClasspath() {
		this.runner.withUserConfiguration(UserRegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetMetrics.class));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesPacknetMetrics() {
		this.runner.withUserConfiguration(UserRegistryConfiguration.class, UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PacknetMetrics.class)
				.getBean(PacknetMetrics.class)
				.isSameAs(context.getBean("customMetrics")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		PacknetMetrics customMetrics(PacknetStatistics statistics, SessionRegistry registry) {
			return new PacknetMetrics(statistics, registry, null);
		}

	}

}
