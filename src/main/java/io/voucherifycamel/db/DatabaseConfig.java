package io.voucherifycamel.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which database the product uses ({@code voucherify.db.*}, or {@code VOUCHERIFY_DB_*}). */
@ConfigMapping(prefix = "voucherify.db")
public interface DatabaseConfig {

    /** {@code h2}: a file under the data folder, nothing to install. {@code postgresql}: an external server. */
    @WithDefault("h2")
    Kind kind();

    enum Kind {
        H2,
        POSTGRESQL
    }
}
