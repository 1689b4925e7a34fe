package io.voucherifycamel.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Health;
import io.voucherifycamel.support.RestartablePostgresResource;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * PostgreSQL goes down and comes back: meanwhile every webhook is answered 503 within a second and
 * readiness names the database (liveness stays up); after, webhooks are accepted again, the
 * ledger row of an event accepted before the outage is written once, and the history shows what a
 * JMS target delivered during the outage.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Profile.class)
class DatabaseOutageTest {

    /** PostgreSQL that can be restarted; retries spread over ~15 s so the outage fits inside them. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartablePostgresResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.delivery.max-redeliveries", "12",
                    "voucherify.delivery.redelivery-delay", "500ms",
                    "voucherify.delivery.max-redelivery-delay", "2s");
        }
    }

    @Inject
    Database database;

    @Inject
    CamelContext camel;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private double ledgerRetries() {
        var counter = metrics.find("voucherify.deliveries.retried").tags("target", "ledger").counter();
        return counter == null ? 0 : counter.count();
    }

    /** What the ledger target delivered (voucherify_deliveries_total{target="ledger"}): a second delivery of one event counts too. */
    private double ledgerDeliveries() {
        var counter = metrics.find("voucherify.deliveries").tags("target", "ledger").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void ledgerRowIsWrittenOnceWhenTheDatabaseIsBack() throws Exception {
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL");
        String tx = Webhooks.transactionId(event);
        double deliveriesBefore = ledgerDeliveries();
        camel.getRouteController().stopRoute("target-ledger");
        Webhooks.post(event).then().statusCode(202);

        double outagesBefore = outages();
        RestartablePostgresResource.halt();
        try {
            // nothing can be stored: Voucherify is told at once to come back later, nothing is acknowledged and lost
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                // only the exchange is timed: RestAssured's first JSON-path check of a body costs the
                // test ~0.5 s of Groovy warm-up, which once pushed a 60 ms answer past the second
                long start = System.nanoTime();
                Response answer = Webhooks.post(Webhooks.gift("cash reward", "MANUAL"));
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                slowest = Math.max(slowest, millis);
                answer.then()
                        .statusCode(503)
                        .header("Retry-After", "60")
                        .contentType("application/problem+json")
                        .body("status", equalTo(503));
                assertTrue(millis < 1000, "answered in " + millis + " ms");
            }
            System.out.printf("DatabaseOutageTest: 20 webhooks during the database outage, slowest 503 in %d ms%n", slowest);
            Health.ready().then().statusCode(503);
            assertTrue(String.valueOf(Health.stores().get("database")).startsWith("unreachable since"), Health.stores().toString());
            assertEquals("reachable", Health.stores().get("broker"));
            Health.live().then().statusCode(200);
            assertEquals(0, metrics.get("voucherify.store.up").tag("store", "database").gauge().value(), "store gauge down");
            assertEquals(outagesBefore + 1, outages(), "one outage, however many webhooks");

            double retriesBefore = ledgerRetries();
            camel.getRouteController().startRoute("target-ledger");
            // the ledger target has taken the message, failed against the missing database, and the
            // message waits in the broker for its next attempt
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ledgerRetries() > retriesBefore);
        } finally {
            RestartablePostgresResource.begin();
        }
        Awaitility.await("ready again").atMost(Duration.ofSeconds(30)).until(() -> Health.ready().statusCode() == 200);
        assertEquals(1, metrics.get("voucherify.store.up").tag("store", "database").gauge().value(), "store gauge up");
        assertEquals(1, metrics.get("voucherify.store.outage.duration").tag("store", "database").timer().count(), "outage timed");
        ObjectNode after = Webhooks.gift("cash reward", "MANUAL");
        Webhooks.post(after).then().statusCode(202);

        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", tx) == 1
                        && Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?",
                                Webhooks.transactionId(after)) == 1);
        // the table's primary key keeps one row whatever arrives twice; what a second delivery of the
        // event accepted before the outage would change is the target's count of deliveries: two
        // events, two deliveries, also after a wait longer than a retry (200 ms doubling to 1 s)
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> ledgerDeliveries() - deliveriesBefore == 2);
        Webhooks.post(event).then().statusCode(200);
    }

    @Test
    void whatIsDeliveredDuringTheOutageIsInTheHistoryWhenTheDatabaseIsBack() throws Exception {
        ObjectNode event = Webhooks.otherEvent(); // rule other-events: the JMS target events-queue, which needs no database
        String eventId = Webhooks.eventId(event);
        camel.getRouteController().stopRoute("inbox");
        Webhooks.post(event).then().statusCode(202);

        RestartablePostgresResource.halt();
        try {
            camel.getRouteController().startRoute("inbox");
            assertNotNull(Broker.receive(jms, Broker.EVENTS, eventId, Duration.ofSeconds(20)), "delivered during the outage");
            // the outage lasts on while the dispatch and the delivery try to write their history records, and fail
            Thread.sleep(2000);
        } finally {
            RestartablePostgresResource.begin();
        }
        Awaitility.await("recorded once the database is back").atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> {
            JsonPath found = Admin.admin().queryParam("event_id", eventId).get("/admin/events").then().statusCode(200).extract().jsonPath();
            return "other-events".equals(found.getString("[0].rule"))
                    && "DELIVERED".equals(found.getString("[0].targets.find { it.target == 'events-queue' }.status"));
        });
    }

    private double outages() {
        return metrics.get("voucherify.store.outages").tag("store", "database").counter().count();
    }
}
