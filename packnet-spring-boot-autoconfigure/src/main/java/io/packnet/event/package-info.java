/**
 * Events published for the server and session lifecycle.
 */
@NullMarked
package io.packnet.event;

import org.jspecify.annotations.NullMarked;
