package io.packnet.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran (tests run with
 * {@code -Dio.netty.leakDetection.level=paranoid}). Registered for every test class through
 * JUnit's extension auto-detection.
 */
public class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Logger LEAK_LOGGER = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

	private final List<String> leaks = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			if (event.getFormattedMessage().contains("LEAK:")) {
				LeakDetectionExtension.this.leaks.add(event.getFormattedMessage());
			}
		}
	};

	@Override
	public void beforeAll(ExtensionContext context) {
		this.appender.start();
		LEAK_LOGGER.addAppender(this.appender);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			// leaks are reported when a leaked buffer has been collected and the detector runs again
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(50);
				for (int j = 0; j < 200; j++) {
					ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
					probe.release();
				}
			}
		}
		finally {
			LEAK_LOGGER.detachAppender(this.appender);
			this.appender.stop();
		}
		if (!this.leaks.isEmpty()) {
			throw new AssertionError("Netty reported " + this.leaks.size() + " leaked buffer(s) during "
					+ context.getDisplayName() + ":\n" + this.leaks.get(0));
		}
	}

}
