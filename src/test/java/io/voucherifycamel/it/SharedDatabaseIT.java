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

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.ExternalServices;
import io.voucherifycamel.support.Webhooks;

/**
 * Production shape: two instances of the same jar, configured (not rebuilt) for an external
 * Artemis broker and one shared PostgreSQL. Each event posted to both at once is accepted once.
 */
class SharedDatabaseIT {

    private static final String SECRET = "it-shared-secret";
    @RegisterExtension
    static final ExternalServices SERVICES = new ExternalServices();

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

            ConnectionFactory factory = new ActiveMQConnectionFactory(SERVICES.brokerUrl());
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
        Map<String, String> env = SERVICES.environment();
        env.put("VOUCHERIFY_WEBHOOK_SECRETS", SECRET);
        env.put("VOUCHERIFY_DATA_DIR", Files.createTempDirectory("voucherify-shared-data").toString());
        return env;
    }
}
