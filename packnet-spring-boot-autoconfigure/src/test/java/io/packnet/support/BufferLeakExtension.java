package io.packnet.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test (or its class) when Netty reports a leaked {@code ByteBuf}. Netty reports a leak when a
 * buffer that was never released is garbage-collected and a later allocation polls the detector; so
 * after each test this runs the collector and allocates, a few times. Needs
 * {@code -Dio.netty.leakDetection.level=paranoid} (set by the parent pom) to track every buffer.
 */
public final class BufferLeakExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private static final Queue<String> leaks = new ConcurrentLinkedQueue<>();

	static {
		ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + " leaked:" + records));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// leaks of earlier test classes are theirs, not this class's
		collectLeaks();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// a buffer the test instance still references is reported at a later check of the class
		check(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		check(context);
	}

	private static void check(ExtensionContext context) {
		List<String> found = collectLeaks();
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " ByteBuf leak(s) reported by the time "
					+ context.getDisplayName() + " ended:\n" + String.join("\n\n", found));
		}
	}

	/**
	 * Collects garbage, polls the leak detector and returns (and forgets) the leaks reported so far.
	 * @return the leak reports
	 */
	public static List<String> collectLeaks() {
		if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
			throw new IllegalStateException("Run tests with -Dio.netty.leakDetection.level=paranoid");
		}
		for (int i = 0; i < 3; i++) {
			System.gc();
			// let the reference handler enqueue what the collection found, then poll by allocating
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(1);
			probe.release();
		}
		List<String> found = new ArrayList<>();
		for (String leak = leaks.poll(); leak != null; leak = leaks.poll()) {
			found.add(leak);
		}
		return found;
	}

}
