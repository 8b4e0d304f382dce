/**
 * Cheap always-on counters for the hot path; meters and health read them.
 */
@NullMarked
package io.packnet.stats;

import org.jspecify.annotations.NullMarked;
