/**
 * A client speaking the same framing as the server (the original library's {@code Dial}).
 */
@NullMarked
package io.packnet.client;

import org.jspecify.annotations.NullMarked;
