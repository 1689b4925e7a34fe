package io.voucherifycamel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.PostgresResource;
import io.voucherifycamel.support.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Production shape: two instances of the same jar, configured (not rebuilt) for an external
 * Artemis broker and one shared PostgreSQL. Each event posted to both at once is accepted once.
 */
class SharedDatabaseIT {

    private static final String SECRET = "it-shared-secret";
    private static EmbeddedPostgres postgres;
    private static EmbeddedActiveMQ broker;
    private static String brokerUrl;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = PostgresResource.startPostgres();
        brokerUrl = "tcp://127.0.0.1:" + io.voucherifycamel.support.FreePorts.next();
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", brokerUrl));
        broker.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (broker != null) {
            broker.stop();
        }
        PostgresResource.close(postgres);
    }

    @Test
    void twoInstancesOnOneDatabaseAcceptEachEventOnce() throws Exception {
        Path log = Files.createTempFile("voucherify-shared", ".log");
        try (AppProcess first = AppProcess.start(instance(), log);
                AppProcess second = AppProcess.start(instance(), log)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<String> eventIds = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    ObjectNode seed = Webhooks.otherEvent();
                    String body = Webhooks.write(seed);
                    eventIds.add(Webhooks.eventId(seed));
                    CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> post(first, body), pool);
                    CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> post(second, body), pool);
                    List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());
                    assertEquals(1, statuses.stream().filter(s -> s == 202).count(), "one instance accepts: " + statuses);
                    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "the other sees a duplicate: " + statuses);
                }
            } finally {
                pool.shutdown();
            }

            ConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
            for (String eventId : eventIds) {
                TextMessage delivered = Broker.receive(factory, Broker.EVENTS, eventId, Duration.ofSeconds(20));
                assertNotNull(delivered, "delivered through the external broker: " + eventId);
            }
            for (String eventId : eventIds) {
                assertNull(Broker.receive(factory, Broker.EVENTS, eventId, Duration.ofMillis(200)), "delivered once: " + eventId);
            }
        }
    }

    private static HttpResponse<String> post(AppProcess app, String body) {
        try {
            return app.post(body, SECRET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> instance() throws Exception {
        return AppProcess.env(
                "VOUCHERIFY_WEBHOOK_SECRETS", SECRET,
                "VOUCHERIFY_DATA_DIR", Files.createTempDirectory("voucherify-shared-data").toString(),
                "VOUCHERIFY_DB_KIND", "postgresql",
                "VOUCHERIFY_DB_URL", PostgresResource.jdbcUrl(postgres),
                "VOUCHERIFY_DB_USERNAME", "postgres",
                "VOUCHERIFY_DB_PASSWORD", "postgres",
                "QUARKUS_ARTEMIS_URL", brokerUrl);
    }
}
