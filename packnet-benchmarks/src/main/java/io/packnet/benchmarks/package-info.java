/**
 * packnet benchmarks: a load generator, servers under test (raw Netty, Spring Integration IP, later
 * packnet), a harness that compares them, and JMH microbenchmarks. See the module's README.
 */
@NullMarked
package io.packnet.benchmarks;

import org.jspecify.annotations.NullMarked;
