/**
 * Groups and sends across server instances: a {@link io.packnet.broadcast.BroadcastRelay} over Redis
 * pub/sub (Spring Data Redis), its node identity, statistics, health and meters.
 */
@NullMarked
package io.packnet.cluster;

import org.jspecify.annotations.NullMarked;
