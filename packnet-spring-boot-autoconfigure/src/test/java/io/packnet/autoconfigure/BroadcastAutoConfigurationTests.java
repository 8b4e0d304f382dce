package io.packnet.autoconfigure;

import java.time.Duration;

import io.packnet.broadcast.BroadcastStatistics;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.client.PacketClient;
import io.packnet.codec.MessageEncoder;
import io.packnet.protocol.PacketProtocol;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import io.packnet.session.SessionListener;
import io.packnet.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Conditions, back-off and wiring of {@link BroadcastAutoConfiguration}.
 */
class BroadcastAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class, BroadcastAutoConfiguration.class))
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1");

	@Test
	void shouldProvideABroadcastTemplateWhenAutoConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BroadcastTemplate.class).hasSingleBean(BroadcastStatistics.class);
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			assertThat(template.statistics()).isSameAs(context.getBean(BroadcastStatistics.class));
			assertThat(context.getBeansOfType(SessionListener.class).values()).contains(template.sessionListener());
		});
	}

	@Test
	void shouldProvideABroadcastTemplateWhenTheServerIsDisabled() {
		this.runner.withPropertyValues("packnet.server.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BroadcastTemplate.class));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesABroadcastTemplate() {
		this.runner.withUserConfiguration(CustomTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BroadcastTemplate.class);
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			assertThat(template).isSameAs(context.getBean("customTemplate"));
			// the auto-leave listener serves the user's template
			assertThat(context.getBean("broadcastSessionListener")).isSameAs(template.sessionListener());
		});
	}

	@Test
	void shouldBackOffWhenPacknetIsNotConfigured() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BroadcastAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BroadcastTemplate.class));
	}

	@Test
	void shouldLimitGroupNamesToTheConfiguredLength() {
		this.runner.withPropertyValues("packnet.broadcast.max-group-name-length=4").run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			assertThat(template.size("four")).isZero();
			assertThatIllegalArgumentException().isThrownBy(() -> template.size("fives"))
				.withMessageContaining("at most 4 characters (packnet.broadcast.max-group-name-length)");
		});
	}

	@Test
	void shouldFailStartupWhenTheGroupNameLengthIsNotPositive() {
		this.runner.withPropertyValues("packnet.broadcast.max-group-name-length=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("packnet.broadcast.max-group-name-length must be 1 or more but was 0");
		});
	}

	@Test
	void propertyDefaultsShouldMatchTheLibraryDefaults() {
		assertThat(new PacknetProperties().getBroadcast().getMaxGroupNameLength())
			.isEqualTo(BroadcastTemplate.DEFAULT_MAX_GROUP_NAME_LENGTH);
	}

	@Test
	void shouldRemoveAClosedSessionFromItsGroupsWhenTheServerReportsTheClose() {
		this.runner.run((context) -> {
			BroadcastTemplate template = context.getBean(BroadcastTemplate.class);
			SessionRegistry registry = context.getBean(SessionRegistry.class);
			int port = context.getBean(PacketServer.class).port();
			try (PacketClient client = PacketClient.builder(context.getBean(PacketProtocol.class))
				.connect("127.0.0.1", port)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 1);
				Session session = registry.sessions().iterator().next();
				assertThat(template.join("room", session)).isTrue();
				assertThat(template.broadcast("room", "hi")).isOne();
				assertThat(client.receive(Duration.ofSeconds(5))).asString().isEqualTo("hi");
				client.close();
				await().atMost(Duration.ofSeconds(5)).until(() -> template.groups().isEmpty());
				assertThat(template.groupsOf(session)).isEmpty();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTemplateConfiguration {

		@Bean
		BroadcastTemplate customTemplate(SessionRegistry registry, MessageEncoder encoder, PacketProtocol protocol) {
			return new BroadcastTemplate(registry, encoder, protocol);
		}

	}

}
