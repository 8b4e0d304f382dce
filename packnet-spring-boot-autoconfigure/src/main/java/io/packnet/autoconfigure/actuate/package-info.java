/**
 * Auto-configuration of packnet's actuator health indicator, Micrometer meters and endpoint.
 */
@NullMarked
package io.packnet.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
