package io.voucherifycamel.db;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Derives the datasource settings from the product's own: switches on the one datasource named by
 * {@code voucherify.db.kind} and off the other (the jar carries both, since a datasource's kind is
 * fixed at build time, so one setting picks PostgreSQL without a rebuild), and places the H2 file
 * under {@code voucherify.data-dir} as an absolute path, which H2 requires. Sits below environment
 * variables, so each derived setting can still be overridden. In a build without H2 (the native one)
 * it sets nothing of H2 ({@link Database} refuses {@code voucherify.db.kind=h2} there).
 */
public class DatabaseSelection implements ConfigSourceFactory {

    static final int ORDINAL = 260;
    /** Set by the module voucherify-camel-embedded, which carries H2: every build but the native one. */
    static final String EMBEDDED_BUILT_IN = "voucherify.embedded.built-in";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue("voucherify.db.kind");
        boolean postgresql = kind != null && kind.getValue() != null
                && kind.getValue().trim().toLowerCase(Locale.ROOT).equals("postgresql");
        ConfigValue dataDir = context.getValue("voucherify.data-dir");
        Path h2File = Path.of(dataDir == null || dataDir.getValue() == null ? "data" : dataDir.getValue())
                .toAbsolutePath().resolve("db").resolve("voucherify");
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.datasource.postgresql.active", String.valueOf(postgresql));
        if (h2BuiltIn(context)) {
            settings.put("quarkus.datasource.h2.active", String.valueOf(!postgresql));
            // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms later, and a kill -9 in
            // that window forgets receipts of events that were already acknowledged.
            // QUERY_CACHE_SIZE: H2 keeps the parsed form of the last 8 statements per connection, fewer than
            // the product prepares, so under load it parsed most statements again (JFR, ThroughputBench)
            settings.put("quarkus.datasource.h2.jdbc.url", "jdbc:h2:file:" + h2File
                    + ";MODE=PostgreSQL;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
        }
        return List.of(new PropertiesConfigSource(settings, "voucherify-database-selection", ORDINAL));
    }

    /** Whether this build carries H2: every build but the native one. */
    static boolean h2BuiltIn(ConfigSourceContext context) {
        ConfigValue builtIn = context.getValue(EMBEDDED_BUILT_IN);
        return builtIn != null && Boolean.parseBoolean(builtIn.getValue());
    }
}
