/**
 * The load generator: plain Netty clients (no packnet class) that drive echo and broadcast servers over
 * the {@linkplain io.packnet.benchmarks.wire wire conventions}, check every reply, and report throughput
 * and HdrHistogram latencies.
 */
@NullMarked
package io.packnet.benchmarks.load;

import org.jspecify.annotations.NullMarked;
