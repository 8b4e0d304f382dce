package io.packnet.benchmarks.server;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.util.internal.PlatformDependent;

/** Measures the memory a server holds: heap used after full GCs, direct memory in use, resident set size. */
final class HeapProbe {

	/** Full GCs before reading the heap; the second and third collect what finalization or references released. */
	private static final int GC_RUNS = 3;

	private HeapProbe() {
	}

	/** Heap bytes in use after {@value #GC_RUNS} explicit full collections. */
	static long heapUsedAfterGc() {
		for (int i = 0; i < GC_RUNS; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Direct memory in use: JDK direct buffers plus Netty's own cleaner-less allocations. */
	static long directMemoryUsed() {
		long jdk = 0;
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				jdk += pool.getMemoryUsed();
			}
		}
		return jdk + Math.max(0, PlatformDependent.usedDirectMemory());
	}

	/**
	 * The process's resident set size from {@code /proc/self/status}, or -1 where that does not exist.
	 * Unlike the heap, it includes thread stacks and native buffers.
	 */
	static long residentSetSize() {
		Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status)) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmRSS:")) {
					String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
					return Long.parseLong(kib) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return -1;
	}

}
