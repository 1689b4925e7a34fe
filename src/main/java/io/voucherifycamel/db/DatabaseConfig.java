package io.voucherifycamel.db;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which database the product uses ({@code voucherify.db.*}, or {@code VOUCHERIFY_DB_*}). */
@ConfigMapping(prefix = "voucherify.db")
public interface DatabaseConfig {

    /** {@code h2}: a file under the data folder, nothing to install. {@code postgresql}: an external server. */
    @WithDefault("h2")
    Kind kind();

    /** JDBC URL of the PostgreSQL database; default {@code jdbc:postgresql://localhost:5432/voucherify}. */
    Optional<String> url();

    /** PostgreSQL user; default {@code voucherify}. */
    Optional<String> username();

    /** PostgreSQL password; no default. */
    Optional<String> password();

    enum Kind {
        H2,
        POSTGRESQL
    }
}
