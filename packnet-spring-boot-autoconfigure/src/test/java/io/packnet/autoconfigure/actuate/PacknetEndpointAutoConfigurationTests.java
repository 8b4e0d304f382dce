package io.packnet.autoconfigure.actuate;

import io.packnet.actuate.endpoint.PacknetEndpoint;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of {@link PacknetEndpointAutoConfiguration}.
 */
class PacknetEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PacknetAutoConfiguration.class, PacknetEndpointAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldCreateTheEndpointWhenExposedOverHttp() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=packnet")
			.run((context) -> assertThat(context).hasSingleBean(PacknetEndpoint.class));
	}

	@Test
	void shouldCreateTheEndpointWhenExposedOverJmx() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=packnet")
			.run((context) -> assertThat(context).hasSingleBean(PacknetEndpoint.class));
	}

	@Test
	void shouldNotCreateTheEndpointWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(PacknetEndpoint.class));
	}

	@Test
	void shouldNotCreateTheEndpointWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=packnet",
					"management.endpoint.packnet.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetEndpoint.class));
	}

	@Test
	void shouldDescribeSessionsWithoutAServerWhenTheServerIsDisabled() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=packnet", "packnet.server.enabled=false")
			.run((context) -> {
				PacknetEndpoint.PacknetDescriptor descriptor = context.getBean(PacknetEndpoint.class).packnet();
				assertThat(descriptor.server()).isNull();
				assertThat(descriptor.sessions()).isZero();
			});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesTheEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=packnet")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PacknetEndpoint.class)
				.getBean(PacknetEndpoint.class)
				.isSameAs(context.getBean("customEndpoint")));
	}

	@Test
	void shouldBackOffWhenActuatorIsNotOnTheClasspath() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=packnet")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PacknetEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		PacknetEndpoint customEndpoint(SessionRegistry registry) {
			return new PacknetEndpoint(registry, null, null, null);
		}

	}

}
