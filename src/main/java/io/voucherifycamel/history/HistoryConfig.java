package io.voucherifycamel.history;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The event history kept for lookup and replay ({@code voucherify.history.*}). */
@ConfigMapping(prefix = "voucherify.history")
public interface HistoryConfig {

    /** How long an accepted event and its outcomes are kept; older ones are deleted once an hour. */
    @WithDefault("30d")
    Duration retention();

    /**
     * Outcome records waiting to be written at most; beyond it (a long database outage) new ones are
     * dropped and counted, so that the history never costs memory without bound nor holds a delivery.
     */
    @WithDefault("10000")
    int maxPendingWrites();
}
