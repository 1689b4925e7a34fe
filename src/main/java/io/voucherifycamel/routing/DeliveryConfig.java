package io.voucherifycamel.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retry of a failing target, and how many consumers each target runs ({@code voucherify.delivery.*}, or {@code VOUCHERIFY_DELIVERY_*}). */
@ConfigMapping(prefix = "voucherify.delivery")
public interface DeliveryConfig {

    /** Retries after the first failed attempt, before the message is parked in the dead-letter queue. */
    @WithDefault("8")
    int maxRedeliveries();

    /** Wait before the first retry; multiplied by {@link #backoffMultiplier()} each time. */
    @WithDefault("1s")
    Duration redeliveryDelay();

    @WithDefault("2")
    double backoffMultiplier();

    @WithDefault("2m")
    Duration maxRedeliveryDelay();

    /** Concurrent consumers of each target's queue; one card's messages still go one at a time, in order. */
    @WithDefault("4")
    int consumers();

    /** The wait before the retry that follows failed attempt number {@code failedAttempts} (1, 2, …). */
    default Duration delayAfter(int failedAttempts) {
        double millis = redeliveryDelay().toMillis() * Math.pow(backoffMultiplier(), Math.max(0, failedAttempts - 1));
        return Duration.ofMillis((long) Math.min(millis, maxRedeliveryDelay().toMillis()));
    }
}
