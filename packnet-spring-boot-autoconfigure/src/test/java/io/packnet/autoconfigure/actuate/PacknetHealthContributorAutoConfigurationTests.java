package io.packnet.autoconfigure.actuate;

import io.packnet.actuate.health.PacknetHealthIndicator;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of {@link PacknetHealthContributorAutoConfiguration}.
 */
class PacknetHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PacknetAutoConfiguration.class, PacknetHealthContributorAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldReportTheRunningServerUpWhenHealthIsOnTheClasspath() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PacknetHealthIndicator.class).hasBean("packnetHealthIndicator");
			Health health = context.getBean(PacknetHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void shouldNotReportWhenTheIndicatorIsDisabled() {
		this.runner.withPropertyValues("management.health.packnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetHealthIndicator.class));
	}

	@Test
	void shouldNotReportWhenHealthIndicatorsAreDisabledByDefault() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetHealthIndicator.class));
	}

	@Test
	void shouldReportWhenEnabledExplicitlyDespiteDisabledDefaults() {
		this.runner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.packnet.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(PacknetHealthIndicator.class));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAPacknetHealthContributor() {
		this.runner.withUserConfiguration(UserContributorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(PacknetHealthIndicator.class);
			assertThat(context).hasSingleBean(HealthIndicator.class).hasBean("packnetHealthContributor");
		});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAPacknetHealthIndicator() {
		this.runner.withUserConfiguration(UserIndicatorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(HealthIndicator.class);
			assertThat(context.getBean("packnetHealthIndicator")).isNotInstanceOf(PacknetHealthIndicator.class);
		});
	}

	@Test
	void shouldBackOffWhenHealthIsNotOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetHealthIndicator.class));
	}

	@Test
	void shouldNotReportWhenTheServerIsDisabled() {
		this.runner.withPropertyValues("packnet.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContributorConfiguration {

		@Bean
		HealthIndicator packnetHealthContributor() {
			return () -> Health.up().withDetail("custom", true).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		HealthIndicator packnetHealthIndicator() {
			return () -> Health.up().withDetail("custom", true).build();
		}

	}

}
