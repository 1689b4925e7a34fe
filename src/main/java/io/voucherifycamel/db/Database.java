package io.voucherifycamel.db;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;

/**
 * The active datasource, H2 or PostgreSQL, whichever {@link DatabaseConfig#kind()} selects. Made at
 * start-up, so that a database this build does not carry stops the start rather than the first event.
 */
@Startup
@ApplicationScoped
public class Database {

    /**
     * The bean name under which the active datasource is in the registry, for YAML routes and Kamelets:
     * {@code kamelet:voucherify-ledger-sink?table=gift_ledger&dataSource=voucherifyDataSource}
     * (docs/routing-and-targets.md, "Sink targets"). A value, never change it.
     */
    public static final String BEAN_NAME = "voucherifyDataSource";

    private final AgroalDataSource dataSource;

    Database(DatabaseConfig config, @ConfigProperty(name = DatabaseSelection.EMBEDDED_BUILT_IN, defaultValue = "false") boolean h2BuiltIn,
            @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
            @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
        if (config.kind() == DatabaseConfig.Kind.H2 && !h2BuiltIn) {
            // the native build leaves H2 out (src/pom.xml: only the profile "embedded" adds it); its "h2" datasource stays inactive
            throw new IllegalStateException("voucherify.db.kind is h2, but this build carries no H2 (the native build has "
                    + "PostgreSQL only): set VOUCHERIFY_DB_KIND=postgresql and VOUCHERIFY_DB_URL");
        }
        // only the selected one may be looked up: resolving an inactive datasource fails
        this.dataSource = (config.kind() == DatabaseConfig.Kind.POSTGRESQL ? postgresql : h2).get();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** The active datasource by name ({@link #BEAN_NAME}), which Camel's registry finds for a {@code dataSource} option. */
    @Produces
    @Named(BEAN_NAME)
    javax.sql.DataSource named() {
        return dataSource;
    }
}
