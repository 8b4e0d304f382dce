/**
 * Support for testing applications that use packnet.
 */
@NullMarked
package io.packnet.test;

import org.jspecify.annotations.NullMarked;
