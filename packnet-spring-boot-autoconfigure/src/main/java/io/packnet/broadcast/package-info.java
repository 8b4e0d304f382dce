/**
 * Named groups of sessions and broadcasts to them, encoded once (the original library's {@code Channel}).
 */
@NullMarked
package io.packnet.broadcast;

import org.jspecify.annotations.NullMarked;
