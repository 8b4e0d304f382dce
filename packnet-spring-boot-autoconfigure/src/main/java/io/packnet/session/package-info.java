/**
 * Sessions: one per TCP connection, with id, attributes, asynchronous bounded sends and a close reason.
 */
@NullMarked
package io.packnet.session;

import org.jspecify.annotations.NullMarked;
