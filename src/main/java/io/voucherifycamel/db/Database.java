package io.voucherifycamel.db;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

/** The active datasource, H2 or PostgreSQL, whichever {@link DatabaseConfig#kind()} selects. */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    Database(DatabaseConfig config,
            @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
            @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
        // only the selected one may be looked up: resolving an inactive datasource fails
        this.dataSource = (config.kind() == DatabaseConfig.Kind.POSTGRESQL ? postgresql : h2).get();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }
}
