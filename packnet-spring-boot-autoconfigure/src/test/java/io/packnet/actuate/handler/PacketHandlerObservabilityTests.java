package io.packnet.actuate.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.packnet.autoconfigure.PacketHandlerAutoConfiguration;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.autoconfigure.actuate.PacknetMetricsAutoConfiguration;
import io.packnet.autoconfigure.actuate.PacknetObservationAutoConfiguration;
import io.packnet.client.PacketClient;
import io.packnet.client.PacketClientFactory;
import io.packnet.handler.HandlerInvocationListener.Recorder;
import io.packnet.handler.PacketHandler;
import io.packnet.handler.PacketHandlerMethod;
import io.packnet.handler.PacketMapping;
import io.packnet.server.PacketServer;
import io.packnet.session.Session;
import io.packnet.session.SessionRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler timer and the handler observation, driven by a client over a real socket: one
 * timer per route and outcome (never per unmapped type or session), and an observation in scope
 * while the handler runs when {@code packnet.observations.enabled=true}.
 */
class PacketHandlerObservabilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
				PacketHandlerAutoConfiguration.class, PacknetMetricsAutoConfiguration.class,
				PacknetObservationAutoConfiguration.class))
		.withUserConfiguration(RegistriesConfiguration.class)
		.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
				"packnet.routing.type-field-size=1");

	@Test
	void shouldTimeEachRouteAndOutcomeWhenAMeterRegistryIsPresent() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PacketHandlerMetrics.class)
				.doesNotHaveBean(PacketHandlerObservations.class);
			try (PacketClient client = connect(context)) {
				assertThat(call(client, 1, "hi")).isEqualTo("hi");
				client.send(2, "boom").join();
				client.send(3, "boom").join();
				client.send(9, "anything").join();
				client.send(10, "anything").join();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(timer(meters, "1", "echo", "SUCCESS", "none").count()).isEqualTo(1);
					assertThat(timer(meters, "2", "fail", "ERROR", "IllegalStateException").count()).isEqualTo(1);
					assertThat(timer(meters, "3", "fail", "ERROR", "IllegalStateException").count()).isEqualTo(1);
					assertThat(timer(meters, "default", "other", "SUCCESS", "none").count()).isEqualTo(2);
				});
				assertThat(timer(meters, "1", "echo", "SUCCESS", "none").totalTime(TimeUnit.NANOSECONDS)).isPositive();
				// success timers exist from startup; types reaching the default route never become tags
				assertThat(meters.find("packnet.handler").tag("outcome", "SUCCESS").functionTimers()).hasSize(4);
				assertThat(meters.find("packnet.handler").tag("type", "9").meters()).isEmpty();
				// without a distribution to keep, no full timer (whose maximum reads the wall clock per record)
				assertThat(meters.find("packnet.handler").timers()).isEmpty();
			}
		});
	}

	@Test
	void shouldKeepTheDistributionAndMaximumWhenPropertiesConfigureOne() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
					PacketHandlerAutoConfiguration.class, PacknetMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
					"packnet.routing.type-field-size=1",
					"management.metrics.distribution.percentiles.packnet.handler=0.99")
			.run((context) -> {
				try (PacketClient client = connect(context)) {
					assertThat(call(client, 1, "hi")).isEqualTo("hi");
					client.send(2, "boom").join();
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(meters.find("packnet.handler")
							.tag("type", "2")
							.tag("outcome", "ERROR")
							.timers()).singleElement().satisfies((failed) -> assertThat(failed.count()).isOne()));
					Timer echo = meters.get("packnet.handler").tag("type", "1").tag("outcome", "SUCCESS").timer();
					assertThat(echo.count()).isOne();
					assertThat(echo.max(TimeUnit.NANOSECONDS)).isPositive();
					assertThat(echo.takeSnapshot().percentileValues()).hasSize(1);
					assertThat(meters.find("packnet.handler").functionTimers()).isEmpty();
				}
			});
	}

	@Test
	void shouldReplaceTheTimersOfAnEarlierListenerOnTheSameRegistry() throws Exception {
		PacketHandlerMethod method = new PacketHandlerMethod("echoHandler", EchoHandler.class,
				EchoHandler.class.getDeclaredMethod("echo", String.class));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new PacketHandlerMetrics(meters).recorderFor(method).record(1, 5, null);
		Recorder second = new PacketHandlerMetrics(meters).recorderFor(method);
		second.record(1, 7, null);
		FunctionTimer timer = meters.get("packnet.handler").functionTimer();
		assertThat(timer.count()).isOne();
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(7);
	}

	@Test
	void shouldNotReadTheClockForARouteWhoseTimerAMeterFilterDenies() throws Exception {
		PacketHandlerMethod method = new PacketHandlerMethod("echoHandler", EchoHandler.class,
				EchoHandler.class.getDeclaredMethod("echo", String.class));
		SimpleMeterRegistry allowing = new SimpleMeterRegistry();
		assertThat(new PacketHandlerMetrics(allowing).recorderFor(method)).isNotNull();
		SimpleMeterRegistry denying = new SimpleMeterRegistry();
		// what management.metrics.enable.packnet.handler=false configures
		denying.config().meterFilter(MeterFilter.denyNameStartsWith("packnet.handler"));
		assertThat(new PacketHandlerMetrics(denying).recorderFor(method)).isNull();
		assertThat(denying.find("packnet.handler").meters()).isEmpty();
	}

	@Test
	void shouldNotTimeHandlersWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
					PacketHandlerAutoConfiguration.class, PacknetMetricsAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
					"packnet.routing.type-field-size=1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PacketHandlerMetrics.class));
	}

	@Test
	void shouldNotObserveHandlersWhenObservationsAreNotEnabled() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(PacketHandlerObservations.class));
	}

	@Test
	void shouldObserveEachInvocationInScopeWhenObservationsAreEnabled() {
		this.runner.withPropertyValues("packnet.observations.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(PacketHandlerObservations.class)
				.doesNotHaveBean(PacketHandlerMetrics.class);
			RecordingObservationHandler observations = context.getBean(RecordingObservationHandler.class);
			EchoHandler handler = context.getBean(EchoHandler.class);
			try (PacketClient client = connect(context)) {
				assertThat(call(client, 1, "hi")).isEqualTo("hi");
				client.send(2, "boom").join();
				Observation.Context echo = observations.nextStopped();
				Observation.Context fail = observations.nextStopped();
				Session session = context.getBean(SessionRegistry.class).sessions().iterator().next();
				assertThat(echo.getName()).isEqualTo("packnet.handler");
				assertThat(echo.getContextualName()).isEqualTo("packet echoHandler#echo");
				assertThat(echo.getLowCardinalityKeyValue("type").getValue()).isEqualTo("1");
				assertThat(echo.getLowCardinalityKeyValue("handler").getValue()).isEqualTo("echoHandler#echo");
				assertThat(echo.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("SUCCESS");
				assertThat(echo.getHighCardinalityKeyValue("session.id").getValue())
					.isEqualTo(Long.toString(session.id()));
				// the observation was current while the handler ran: what the handler starts joins it
				assertThat(handler.current.poll(5, TimeUnit.SECONDS)).isSameAs(echo);
				assertThat(fail.getError()).isInstanceOf(IllegalStateException.class);
				assertThat(fail.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("ERROR");
				assertThat(fail.getLowCardinalityKeyValue("exception").getValue()).isEqualTo("IllegalStateException");
			}
		});
	}

	@Test
	void shouldUseTheUsersConventionWhenOneIsDefined() {
		this.runner.withPropertyValues("packnet.observations.enabled=true")
			.withBean(PacketHandlerObservationConvention.class, () -> new DefaultPacketHandlerObservationConvention() {
				@Override
				public String getName() {
					return "chat.message";
				}
			})
			.run((context) -> {
				try (PacketClient client = connect(context)) {
					call(client, 1, "hi");
					assertThat(context.getBean(RecordingObservationHandler.class).nextStopped().getName())
						.isEqualTo("chat.message");
				}
			});
	}

	@Test
	void shouldNotObserveHandlersWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PacknetAutoConfiguration.class,
					PacketHandlerAutoConfiguration.class, PacknetObservationAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("packnet.server.port=0", "packnet.server.host=127.0.0.1",
					"packnet.routing.type-field-size=1", "packnet.observations.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PacketHandlerObservations.class));
	}

	private static FunctionTimer timer(MeterRegistry meters, String type, String method, String outcome,
			String exception) {
		return meters.get("packnet.handler")
			.tag("type", type)
			.tag("handler", "echoHandler#" + method)
			.tag("outcome", outcome)
			.tag("exception", exception)
			.functionTimer();
	}

	private static PacketClient connect(AssertableApplicationContext context) {
		return context.getBean(PacketClientFactory.class)
			.connect("127.0.0.1", context.getBean(PacketServer.class).port());
	}

	private static String call(PacketClient client, int type, String message) {
		client.send(type, message).join();
		byte[] reply = client.receive(TIMEOUT);
		assertThat(reply).as("reply to type " + type).isNotNull();
		// replies start with the 1-byte type field
		return new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(EchoHandler.class)
	static class RegistriesConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		RecordingObservationHandler recordingObservationHandler() {
			return new RecordingObservationHandler();
		}

		@Bean
		ObservationRegistry observationRegistry(RecordingObservationHandler handler) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(handler);
			return registry;
		}

	}

	@PacketHandler("echoHandler")
	static class EchoHandler {

		final BlockingQueue<Observation.Context> current = new LinkedBlockingQueue<>();

		private final @Nullable ObservationRegistry registry;

		EchoHandler(ObjectProvider<ObservationRegistry> registry) {
			this.registry = registry.getIfAvailable();
		}

		@PacketMapping(1)
		String echo(String text) {
			Observation observation = (this.registry != null) ? this.registry.getCurrentObservation() : null;
			if (observation != null) {
				this.current.add(observation.getContext());
			}
			return text;
		}

		@PacketMapping({ 2, 3 })
		void fail(String text) {
			throw new IllegalStateException("failing on purpose: " + text);
		}

		@PacketMapping
		void other(byte[] payload) {
		}

	}

	/** Keeps the contexts of stopped observations. */
	static class RecordingObservationHandler implements ObservationHandler<Observation.Context> {

		private final BlockingQueue<Observation.Context> stopped = new LinkedBlockingQueue<>();

		final List<Observation.Context> started = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.started.add(context);
		}

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		Observation.Context nextStopped() throws InterruptedException {
			Observation.Context context = this.stopped.poll(5, TimeUnit.SECONDS);
			assertThat(context).as("a stopped observation").isNotNull();
			return context;
		}

	}

}
