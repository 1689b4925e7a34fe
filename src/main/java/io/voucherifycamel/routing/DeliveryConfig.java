package io.voucherifycamel.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retry of a failing target ({@code voucherify.delivery.*}, or {@code VOUCHERIFY_DELIVERY_*}). */
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
}
