/**
 * The benchmark harness: starts each {@link io.packnet.benchmarks.harness.ServerUnderTest} in a fresh
 * JVM with the same heap flags, drives it with the load generator, and prints comparison tables.
 */
@NullMarked
package io.packnet.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
