/**
 * The servers under test, each runnable as its own JVM ({@code main}) and controlled by the harness over
 * stdin/stdout ({@link io.packnet.benchmarks.server.ServerControl}). Each binds 127.0.0.1 on a free port
 * by default and prints {@code LISTENING <port>}.
 */
@NullMarked
package io.packnet.benchmarks.server;

import org.jspecify.annotations.NullMarked;
