/**
 * The Netty server: bootstrap, pipeline and the per-connection handler that drives a session.
 */
@NullMarked
package io.packnet.server;

import org.jspecify.annotations.NullMarked;
