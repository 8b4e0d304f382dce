/**
 * Micrometer meters for packnet, read from its always-on counters.
 */
@NullMarked
package io.packnet.actuate.metrics;

import org.jspecify.annotations.NullMarked;
