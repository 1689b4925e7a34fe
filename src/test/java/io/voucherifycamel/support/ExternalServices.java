package io.voucherifycamel.support;

import java.util.HashMap;
import java.util.Map;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL and an Artemis broker outside the product, as production runs it, for tests that start
 * the jar themselves: a real PostgreSQL (zonky) and a broker without a journal on a free loopback
 * port, started before the test class and stopped after it
 * ({@code @RegisterExtension static final ExternalServices SERVICES = new ExternalServices();}).
 */
public final class ExternalServices implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;
    private EmbeddedActiveMQ broker;
    private String brokerUrl;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = PostgresResource.startPostgres();
        brokerUrl = "tcp://127.0.0.1:" + FreePorts.next();
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", brokerUrl));
        broker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (broker != null) {
                broker.stop();
            }
        } finally {
            PostgresResource.close(postgres);
        }
    }

    /** The environment that points the product at them. */
    public Map<String, String> environment() {
        return new HashMap<>(Map.of(
                "VOUCHERIFY_DB_KIND", "postgresql",
                "VOUCHERIFY_DB_URL", PostgresResource.jdbcUrl(postgres),
                "VOUCHERIFY_DB_USERNAME", "postgres",
                "VOUCHERIFY_DB_PASSWORD", "postgres",
                "QUARKUS_ARTEMIS_URL", brokerUrl));
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }
}
