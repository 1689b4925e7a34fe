package io.voucherifycamel.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How an outage of the database or the broker is watched ({@code voucherify.store.*}, or {@code VOUCHERIFY_STORE_*}). */
@ConfigMapping(prefix = "voucherify.store")
public interface StoreConfig {

    /** How often an unreachable store is tried in the background until it answers again. */
    @WithDefault("1s")
    Duration probeInterval();
}
