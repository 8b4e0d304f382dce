/**
 * Netty transport selection (NIO or native epoll) shared by clients and servers.
 */
@NullMarked
package io.packnet.benchmarks.transport;

import org.jspecify.annotations.NullMarked;
