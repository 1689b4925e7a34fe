package io.voucherifycamel.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Health;
import io.voucherifycamel.support.PostgresProfile;
import io.voucherifycamel.support.RefusedWrites;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * The broker has the event's message (on the inbox, or on a target's queue when the rules were asked
 * at acceptance) but the database commit of its receipt fails (as in a crash between the two): the
 * webhook is answered 503 and nothing is acknowledged, Voucherify's retry is accepted, and the broker
 * keeps one copy of the event, which is delivered once.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class CrashBeforeCommitTest {

    private static final String LEDGER_ROUTE = "target-ledger";
    private static final String LEDGER_QUEUE = "voucherify.target.ledger";
    private static final String LEDGER_ROWS = "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?";

    @Inject
    Database database;

    @Inject
    CamelContext camel;

    @Inject
    BrokerConfig broker;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void retryAfterTheBrokerHadTheEventButTheDatabaseDidNotCommitLeavesOneCopy() throws Exception {
        // the inbox waits, so that what the broker holds for the event can be counted; with the inbox stopped the
        // acceptance sends every event there
        retryAfterTheBrokerHadItButTheDatabaseDidNotCommitLeavesOneCopy("inbox", broker.inboxQueue());
    }

    @Test
    void retryAfterTheBrokerHadTheTargetMessageButTheDatabaseDidNotCommitLeavesOneCopy() throws Exception {
        // the rules only choose, so the acceptance sends the event to the ledger's queue itself (no inbox):
        // the ledger waits, so that what the broker holds for the event can be counted
        retryAfterTheBrokerHadItButTheDatabaseDidNotCommitLeavesOneCopy(LEDGER_ROUTE, LEDGER_QUEUE);
    }

    /** The broker's copy of the event is counted on {@code queue} while {@code waitingRoute}, which reads it, is stopped. */
    private void retryAfterTheBrokerHadItButTheDatabaseDidNotCommitLeavesOneCopy(String waitingRoute, String queue) throws Exception {
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL"); // rule "balance": the ledger
        String eventId = Webhooks.eventId(event);
        String tx = Webhooks.transactionId(event);
        // read before anything is posted: a copy delivered as soon as the consumer restarts must count too
        double deliveredBefore = ledgerDeliveries();
        camel.getRouteController().stopRoute(waitingRoute);
        try {
            RefusedWrites refused = refuseCommitsOf(eventId);
            try {
                Webhooks.post(event).then().statusCode(503).header("Retry-After", "60");
            } finally {
                refused.allow();
            }
            assertEquals(1, Broker.count(jms, queue, eventId), "the broker committed before the database failed");
            assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM webhook_receipt WHERE event_id = ?", eventId),
                    "no receipt: the database did not commit");

            // the 503 started a database outage; it ends at the next probe, since the database answers (readiness
            // as a whole stays down while a route is stopped)
            Awaitility.await("outage over").atMost(Duration.ofSeconds(15)).until(() -> "reachable".equals(Health.stores().get("database")));
            Webhooks.post(event).then().statusCode(202).body("status", equalTo("accepted"));
            assertEquals(1, Broker.count(jms, queue, eventId), "the broker dropped the retry's copy");
            Webhooks.post(event).then().statusCode(200).body("status", equalTo("duplicate"));
        } finally {
            camel.getRouteController().startRoute(waitingRoute);
        }

        Awaitility.await("in the ledger").atMost(Duration.ofSeconds(20)).until(() -> Tables.count(database, LEDGER_ROWS, tx) == 1);
        // a second copy would be delivered right behind the first
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> ledgerDeliveries() == deliveredBefore + 1 && Broker.count(jms, queue, eventId) == 0);
        // the history tells the same: accepted once, dispatched by its rule, delivered by the ledger
        Awaitility.await("in the history").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath found = history(eventId);
            assertEquals(1, found.getInt("size()"), found.prettify());
            assertEquals("balance", found.getString("[0].rule"), found.prettify());
            assertEquals("DELIVERED", found.getString("[0].targets.find { it.target == 'ledger' }.status"), found.prettify());
        });
    }

    /**
     * Webhooks that arrive together are committed together (group commit). One of them whose commit
     * is refused must not fail the others: each other is answered 202 with its event kept once, or, if
     * it came after the outage the refusal started, 503 with nothing kept; never 503 with a message
     * left behind. Without the writer's fallback (the batch failed, so each is written again alone)
     * the whole batch would be answered 503 while the broker held its messages.
     */
    @Test
    void aRefusedCommitInAGroupFailsOnlyItsOwnWebhook() throws Exception {
        ObjectNode refused = Webhooks.gift("cash reward", "MANUAL");
        java.util.List<ObjectNode> others = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            others.add(Webhooks.gift("cash reward", "MANUAL"));
        }
        camel.getRouteController().stopRoute("inbox");
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            RefusedWrites refusedCommits = refuseCommitsOf(Webhooks.eventId(refused));
            java.util.Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(16);
            java.util.List<java.util.concurrent.Future<?>> posts = new java.util.ArrayList<>();
            for (ObjectNode event : java.util.stream.Stream.concat(java.util.stream.Stream.of(refused), others.stream()).toList()) {
                posts.add(clients.submit(() -> {
                    together.await();
                    answers.put(Webhooks.eventId(event), Webhooks.post(event).statusCode());
                    return null;
                }));
            }
            for (var post : posts) {
                post.get();
            }
            refusedCommits.allow();
            assertEquals(503, answers.get(Webhooks.eventId(refused)), "the refused one: " + answers);
            int accepted = 0;
            for (ObjectNode other : others) {
                String eventId = Webhooks.eventId(other);
                int status = answers.get(eventId);
                int kept = Broker.count(jms, broker.inboxQueue(), eventId);
                int receipts = Tables.count(database, "SELECT COUNT(*) FROM webhook_receipt WHERE event_id = ?", eventId);
                if (status == 202) {
                    accepted++;
                    assertEquals(1, kept, eventId + " accepted: one inbox message");
                    assertTrue(receipts > 0, eventId + " accepted: its receipt (one row per de-duplication key)");
                } else {
                    assertEquals(503, status, eventId);
                    assertEquals(0, kept, eventId + " answered 503: nothing kept");
                }
            }
            System.out.printf("CrashBeforeCommitTest: of 15 webhooks posted with the refused one, %d accepted, the rest 503%n", accepted);
            assertTrue(accepted > 0, "the others of the refused one's group are accepted: " + answers);
            // leave no outage behind for the next test
            Awaitility.await("outage over").atMost(Duration.ofSeconds(15)).until(() -> "reachable".equals(Health.stores().get("database")));
        } finally {
            clients.shutdownNow();
            allowCommits();
            camel.getRouteController().startRoute("inbox");
        }
    }

    /**
     * From now on PostgreSQL refuses, at COMMIT, every transaction that records a receipt of this
     * event, with a connection-class SQLSTATE: the commit the product makes after the broker's.
     */
    private RefusedWrites refuseCommitsOf(String eventId) throws SQLException {
        return RefusedWrites.refuse(database, "webhook_receipt", "event_id", eventId, RefusedWrites.When.AT_COMMIT);
    }

    /** Whatever a failed test left behind. */
    private void allowCommits() throws SQLException {
        RefusedWrites.of(database, "webhook_receipt").allow();
    }

    private double ledgerDeliveries() {
        Counter counter = metrics.find("voucherify.deliveries").tags("target", "ledger").counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonPath history(String eventId) {
        return Admin.admin().queryParam("event_id", eventId).get("/admin/events").then().statusCode(200).extract().jsonPath();
    }
}
