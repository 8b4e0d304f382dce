package io.packnet.autoconfigure;

import java.util.concurrent.Executor;

import io.netty.bootstrap.ServerBootstrap;
import io.packnet.codec.JsonPayloadCodec;
import io.packnet.codec.MessageEncoder;
import io.packnet.handler.HandlerInvocationListener;
import io.packnet.handler.PacketArgumentResolver;
import io.packnet.handler.PacketHandlerDispatcher;
import io.packnet.handler.PacketHandlerMappings;
import io.packnet.handler.PacketReturnValueHandler;
import io.packnet.handler.PacketRouter;
import io.packnet.server.PacketDispatcher;
import io.packnet.stats.PacknetStatistics;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures {@code @PacketHandler} dispatch: the {@link PacketHandlerDispatcher} the server
 * hands every frame to, routed by {@code packnet.routing.*} or a {@link PacketRouter} bean and run
 * where {@code packnet.handler.executor} says, its mappings, and a JSON codec when Jackson is present.
 */
@AutoConfiguration(before = PacknetAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(ServerBootstrap.class)
@EnableConfigurationProperties(PacknetProperties.class)
public final class PacketHandlerAutoConfiguration {

	/** The bean name of Spring Boot's auto-configured task executor. */
	static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	@Bean
	@ConditionalOnBean(PacketHandlerDispatcher.class)
	@ConditionalOnMissingBean
	PacketHandlerMappings packetHandlerMappings(PacketHandlerDispatcher dispatcher) {
		return dispatcher.mappings();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(PacketDispatcher.class)
	static class DispatcherConfiguration {

		@Bean
		PacketHandlerDispatcher packetHandlerDispatcher(PacknetProperties properties, MessageEncoder encoder,
				ObjectProvider<PacketRouter> router, ObjectProvider<PacketArgumentResolver> argumentResolvers,
				ObjectProvider<PacketReturnValueHandler> returnValueHandlers,
				ObjectProvider<HandlerInvocationListener> invocationListeners, PacknetStatistics statistics,
				BeanFactory beanFactory) {
			PacknetProperties.Handler handler = properties.getHandler();
			PacketHandlerDispatcher.Builder builder = PacketHandlerDispatcher.builder(encoder)
				.unmappedTypePolicy(properties.getRouting().getUnmapped())
				.errorPolicy(handler.getOnError())
				.argumentResolvers(argumentResolvers.orderedStream().toList())
				.returnValueHandlers(returnValueHandlers.orderedStream().toList())
				.invocationListeners(invocationListeners.orderedStream().toList())
				.statistics(statistics);
			router.ifAvailable(builder::router);
			Executor executor = handlerExecutor(handler.getExecutor(), beanFactory);
			if (executor != null) {
				builder.executor(executor, handler.getMaxQueuedFrames());
			}
			return builder.build();
		}

		private static @Nullable Executor handlerExecutor(PacknetProperties.HandlerExecutor type, BeanFactory beanFactory) {
			return switch (type) {
				case EVENT_LOOP -> null;
				case VIRTUAL_THREADS -> virtualThreads();
				case TASK_EXECUTOR -> taskExecutor(beanFactory);
			};
		}

		private static Executor virtualThreads() {
			int javaVersion = Runtime.version().feature();
			if (javaVersion < 21) {
				throw new IllegalStateException(
						"packnet.handler.executor=virtual-threads needs Java 21+; this JVM is " + javaVersion);
			}
			return new VirtualThreadTaskExecutor("packnet-handler-");
		}

		private static Executor taskExecutor(BeanFactory beanFactory) {
			if (beanFactory.containsBean(APPLICATION_TASK_EXECUTOR)) {
				return beanFactory.getBean(APPLICATION_TASK_EXECUTOR, Executor.class);
			}
			Executor executor = beanFactory.getBeanProvider(Executor.class).getIfUnique();
			if (executor == null) {
				throw new IllegalStateException("packnet.handler.executor=task-executor needs an Executor bean named "
						+ APPLICATION_TASK_EXECUTOR + " (Spring Boot's task execution auto-configuration provides "
						+ "one) or a single Executor bean");
			}
			return executor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonCodecConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		JsonPayloadCodec jsonPayloadCodec(ObjectProvider<JsonMapper> jsonMapper) {
			return new JsonPayloadCodec(jsonMapper.getIfAvailable(JsonMapper::shared));
		}

	}

}
