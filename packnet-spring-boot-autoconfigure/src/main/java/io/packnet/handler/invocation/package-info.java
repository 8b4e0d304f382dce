/**
 * Handler method invocation: argument resolution prepared once per parameter, method handles,
 * return values, exception handler look-up, the route table and off-loop serial execution.
 */
@NullMarked
package io.packnet.handler.invocation;

import org.jspecify.annotations.NullMarked;
