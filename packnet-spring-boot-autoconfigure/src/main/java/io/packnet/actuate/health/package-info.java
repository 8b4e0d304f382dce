/**
 * The {@code packnet} health indicator for Spring Boot's actuator.
 */
@NullMarked
package io.packnet.actuate.health;

import org.jspecify.annotations.NullMarked;
