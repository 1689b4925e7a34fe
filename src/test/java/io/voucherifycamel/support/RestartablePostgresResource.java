package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL that a test can take down and bring back on the same port with the same data. */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static int port;
    private static Path dataDirectory;

    @Override
    public Map<String, String> start() {
        try {
            port = FreePorts.next();
            dataDirectory = Files.createTempDirectory("voucherify-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        begin();
        return Map.of(
                "voucherify.db.kind", "postgresql",
                "voucherify.db.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "voucherify.db.username", "postgres",
                "voucherify.db.password", "postgres");
    }

    @Override
    public void stop() {
        halt();
    }

    public static synchronized void begin() {
        try {
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void halt() {
        PostgresResource.close(postgres);
        postgres = null;
    }
}
