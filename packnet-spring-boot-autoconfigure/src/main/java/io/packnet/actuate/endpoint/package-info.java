/**
 * The {@code packnet} actuator endpoint: server, sessions, groups and handler mappings.
 */
@NullMarked
package io.packnet.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
