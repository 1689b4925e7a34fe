package io.voucherifycamel.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the native build's code needs and the embedded defaults otherwise give: a PostgreSQL and an
 * external Artemis broker, for the {@code XxxIT extends XxxTest} pairs when they run against the
 * native profile's artifact ({@code voucherify.it.native-build=true}, set by the pom's native profile).
 * Starts nothing otherwise, so the same IT runs against the default jar on its embedded defaults.
 */
public class NativeBuildServices implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;
    private final ArtemisResource broker = new ArtemisResource();
    private boolean brokerStarted;

    @Override
    public Map<String, String> start() {
        if (!Boolean.getBoolean("voucherify.it.native-build")) {
            return Map.of();
        }
        postgres = PostgresResource.startPostgres();
        Map<String, String> config = new HashMap<>(Map.of(
                "voucherify.db.kind", "postgresql",
                "voucherify.db.url", PostgresResource.jdbcUrl(postgres),
                "voucherify.db.username", "postgres",
                "voucherify.db.password", "postgres"));
        config.putAll(broker.start());
        brokerStarted = true;
        return config;
    }

    @Override
    public void stop() {
        if (brokerStarted) {
            broker.stop();
        }
        PostgresResource.close(postgres);
    }
}
