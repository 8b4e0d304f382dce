package io.packnet.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.packnet.actuate.handler.PacketHandlerMetrics;
import io.packnet.actuate.metrics.PacknetMetrics;
import io.packnet.autoconfigure.PacknetAutoConfiguration;
import io.packnet.broadcast.BroadcastTemplate;
import io.packnet.session.SessionRegistry;
import io.packnet.stats.PacknetStatistics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures packnet's Micrometer meters (sessions, traffic, broadcast, handler timings) when
 * the application has a {@link MeterRegistry}. Ordered after Boot's registry auto-configuration by
 * name, so Boot's metrics module stays optional.
 */
@AutoConfiguration(after = PacknetAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
						+ "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, PacknetStatistics.class, SessionRegistry.class })
public final class PacknetMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PacknetMetrics packnetMetrics(PacknetStatistics statistics, SessionRegistry registry,
			ObjectProvider<BroadcastTemplate> broadcast) {
		return new PacknetMetrics(statistics, registry, broadcast.getIfUnique());
	}

	/**
	 * Times handler invocations directly unless observations are on: then the observation's meter
	 * handler produces the same-named timer, and registering both would clash.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "packnet.observations.enabled", havingValue = false, matchIfMissing = true)
	PacketHandlerMetrics packetHandlerMetrics(MeterRegistry registry) {
		return new PacketHandlerMetrics(registry);
	}

}
