package io.voucherifycamel.db;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Switches on the one datasource named by {@code voucherify.db.kind} and off the other. The jar
 * carries both (a datasource's kind is fixed at build time), so one setting picks PostgreSQL
 * without a rebuild. Sits below environment variables, so either flag can still be set by hand.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue("voucherify.db.kind");
        boolean postgresql = kind != null && kind.getValue() != null
                && kind.getValue().trim().toLowerCase(Locale.ROOT).equals("postgresql");
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.h2.active", String.valueOf(!postgresql),
                "quarkus.datasource.postgresql.active", String.valueOf(postgresql)),
                "voucherify-database-selection", ORDINAL));
    }
}
