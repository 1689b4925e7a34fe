package io.voucherifycamel.db;

import java.time.Duration;
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

    /**
     * How long the writer after the acknowledgement ({@link GroupCommit}: ledger rows, delivery records,
     * the event history's outcomes) waits after a first write for others to commit with it. Longer: fewer
     * and larger commits under load; each delivery waits up to this much more. 0 commits at once.
     */
    @WithDefault("5ms")
    Duration commitWindow();

    enum Kind {
        H2,
        POSTGRESQL
    }
}
