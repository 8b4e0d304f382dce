package io.packnet.autoconfigure;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad {@code packnet.*} value fails startup with a message naming the property and what it allows.
 */
@ExtendWith(OutputCaptureExtension.class)
class PacknetPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			packnet.protocol.header-size       | 5      | one of 1, 2, 3, 4, 8
			packnet.protocol.header-size       | 0      | one of 1, 2, 3, 4, 8
			packnet.protocol.max-frame-size    | -1B    | a positive size
			packnet.protocol.max-frame-size    | 0B     | a positive size
			packnet.protocol.max-frame-size    | 4GB    | at most 2147483647B
			packnet.session.max-pending-bytes  | -10KB  | a positive size
			packnet.session.idle-timeout       | -1s    | zero or a positive duration
			packnet.session.frame-timeout      | -1s    | zero or a positive duration
			packnet.session.auth-timeout       | -1s    | zero or a positive duration
			packnet.server.ssl.handshake-timeout | -1s  | zero or a positive duration
			packnet.server.shutdown-timeout    | -5s    | zero or a positive duration
			packnet.server.port                | 70000  | an integer from 0 to 65535
			packnet.server.port                | -1     | an integer from 0 to 65535
			packnet.server.boss-threads        | 0      | 1 or more
			packnet.server.worker-threads      | -2     | 0 (twice the CPU count) or more
			packnet.server.backlog             | 0      | 1 or more
			packnet.server.max-connections     | -1     | 0 (unlimited) or more
			packnet.server.max-connections-per-ip | -1  | 0 (unlimited) or more
			packnet.server.send-buffer-size    | 0B     | a positive size
			packnet.routing.type-field-size    | 3      | one of 0 (off), 1, 2, 4
			""")
	void shouldFailStartupNamingThePropertyAndAllowedValuesWhenAValueIsInvalid(String property, String value,
			String allowed) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(property + " must be " + allowed);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			packnet.server.transport        | carrier-pigeon | AUTO EPOLL IO_URING NIO
			packnet.protocol.byte-order     | middle         | BIG LITTLE
			packnet.protocol.type           | xml            | LENGTH_FIELD LINE VARINT32
			packnet.session.overflow-policy | explode        | CLOSE DROP
			packnet.server.ssl.client-auth  | maybe          | NEED NONE WANT
			""")
	void shouldFailStartupListingTheAllowedValuesWhenAnEnumValueIsUnknown(String property, String value,
			String allowed, CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("packnet.server.port", "0", property, value));
		assertThatException().isThrownBy(application::run)
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("Failed to bind properties under '" + property + "'"));
		// Boot's failure analysis, as a user sees it on the console
		assertThat(output).contains("Property: " + property).contains("The following values are valid:");
		for (String name : allowed.split(" ")) {
			assertThat(output).contains(name);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(PacknetAutoConfiguration.class)
	static class MinimalApplication {

	}

}
