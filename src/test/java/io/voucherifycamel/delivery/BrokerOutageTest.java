package io.voucherifycamel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.voucherifycamel.support.ArtemisResource;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Health;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * The external broker stops: every webhook is answered 503 with Retry-After within a second (not
 * after the broker's own timeouts), readiness names the broker, liveness stays up; when the broker
 * is back the next webhook is accepted, and the events accepted before the outage are delivered once.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.Profile.class)
class BrokerOutageTest {

    /**
     * The product on an external broker (a real Artemis in the test's JVM, on TCP), with ten more
     * targets than shipped: each target's consumer tries to reconnect when the broker goes, and the
     * first webhook of the outage must not wait behind them (it did, ~100 ms per consumer).
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ArtemisResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String targets = IntStream.rangeClosed(1, 10).mapToObj(n -> """
                    - templatedRoute:
                        routeTemplateRef: jms-target
                        parameters:
                          - name: name
                            value: extra-%d
                          - name: destination
                            value: "queue:test.extra-%d"
                    """.formatted(n, n)).collect(Collectors.joining());
            return Map.of("voucherify.routes-dir", TestRoutes.copy("", Map.of("extra-targets.camel.yaml", targets)).toString());
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;


    @Test
    void webhooksAreAnswered503AtOnceWhileTheBrokerIsDownAndAcceptedWhenItIsBack() throws Exception {
        // events accepted before the outage wait in the inbox through it
        camel.getRouteController().stopRoute("inbox");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode event = Webhooks.otherEvent();
            Webhooks.post(event).then().statusCode(202);
            accepted.add(Webhooks.eventId(event));
        }

        double outagesBefore = outages();
        ArtemisResource.halt();
        long slowest = 0;
        try {
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                Response answer = Webhooks.post(Webhooks.otherEvent());
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                slowest = Math.max(slowest, millis);
                assertEquals(503, answer.statusCode(), answer.asString());
                assertEquals("60", answer.header("Retry-After"));
                assertTrue(millis < 1000, "answered in " + millis + " ms");
            }
            System.out.printf("BrokerOutageTest: 20 webhooks during the broker outage, slowest 503 in %d ms%n", slowest);
            Health.ready().then().statusCode(503);
            assertTrue(String.valueOf(Health.stores().get("broker")).startsWith("unreachable since"), Health.stores().toString());
            assertEquals("reachable", Health.stores().get("database"));
            Health.live().then().statusCode(200);
            assertEquals(0, metrics.get("voucherify.store.up").tag("store", "broker").gauge().value(), "store gauge down");
            assertEquals(outagesBefore + 1, outages(), "one outage, however many webhooks");
        } finally {
            ArtemisResource.begin();
        }

        camel.getRouteController().startRoute("inbox"); // (a stopped route alone keeps readiness down)
        Awaitility.await("ready again").atMost(Duration.ofSeconds(30)).until(() -> Health.ready().statusCode() == 200);
        assertEquals(1, metrics.get("voucherify.store.up").tag("store", "broker").gauge().value(), "store gauge up");
        assertEquals(1, metrics.get("voucherify.store.outage.duration").tag("store", "broker").timer().count(), "outage timed");
        ObjectNode after = Webhooks.otherEvent();
        Webhooks.post(after).then().statusCode(202);
        accepted.add(Webhooks.eventId(after));

        ConnectionFactory broker = new ActiveMQConnectionFactory(ArtemisResource.url());
        for (String eventId : accepted) {
            assertNotNull(Broker.receive(broker, Broker.EVENTS, eventId, Duration.ofSeconds(30)), "delivered: " + eventId);
        }
        for (String eventId : accepted) {
            assertNull(Broker.receive(broker, Broker.EVENTS, eventId, Duration.ofMillis(200)), "delivered once: " + eventId);
        }
    }

    private double outages() {
        return metrics.get("voucherify.store.outages").tag("store", "broker").counter().count();
    }
}
