/**
 * Spring Boot auto-configuration and properties for packnet.
 */
@NullMarked
package io.packnet.autoconfigure;

import org.jspecify.annotations.NullMarked;
