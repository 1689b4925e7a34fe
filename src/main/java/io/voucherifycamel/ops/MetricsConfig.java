package io.voucherifycamel.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the metrics the product samples itself. */
@ConfigMapping(prefix = "voucherify.metrics")
public interface MetricsConfig {

    /** How often each queue's backlog and oldest message are read from the broker. */
    @WithDefault("10s")
    Duration queueInterval();
}
