package io.packnet.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves that {@link BufferLeakExtension} sees a leak, so a passing test with it means something.
 */
class BufferLeakExtensionTests {

	@Test
	void shouldReportABufferThatWasNeverReleasedWhenItIsCollected() {
		BufferLeakExtension.collectLeaks();
		leakOne();
		List<String> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			found.addAll(BufferLeakExtension.collectLeaks());
			return !found.isEmpty();
		});
		assertThat(found).anySatisfy((leak) -> assertThat(leak).contains("leakOne"));
	}

	private static void leakOne() {
		ByteBufAllocator.DEFAULT.directBuffer(16).writeLong(42);
	}

}
