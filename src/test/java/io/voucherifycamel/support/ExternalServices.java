package io.voucherifycamel.support;

import java.util.HashMap;
import java.util.Map;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL and an Artemis broker outside the product, as production runs it, for tests that start
 * the jar themselves: a real PostgreSQL (zonky) and a broker without a journal on a free loopback port.
 */
public final class ExternalServices implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final EmbeddedActiveMQ broker;
    private final String brokerUrl;

    private ExternalServices(EmbeddedPostgres postgres, EmbeddedActiveMQ broker, String brokerUrl) {
        this.postgres = postgres;
        this.broker = broker;
        this.brokerUrl = brokerUrl;
    }

    public static ExternalServices start() throws Exception {
        EmbeddedPostgres postgres = PostgresResource.startPostgres();
        String brokerUrl = "tcp://127.0.0.1:" + FreePorts.next();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", brokerUrl));
        try {
            broker.start();
        } catch (Exception e) {
            PostgresResource.close(postgres);
            throw e;
        }
        return new ExternalServices(postgres, broker, brokerUrl);
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

    @Override
    public void close() throws Exception {
        try {
            broker.stop();
        } finally {
            PostgresResource.close(postgres);
        }
    }
}
