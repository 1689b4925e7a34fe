package io.voucherifycamel.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * The broker has the inbox message but the database commit of its receipt fails (as in a crash
 * between the two): the webhook is answered 503 and nothing is acknowledged, Voucherify's retry is
 * accepted, and the broker keeps one copy of the event, which is delivered once.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class CrashBeforeCommitTest {

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
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL"); // rule "balance": the ledger
        String eventId = Webhooks.eventId(event);
        String tx = Webhooks.transactionId(event);
        // the inbox waits, so that what the broker holds for the event can be counted
        camel.getRouteController().stopRoute("inbox");
        try {
            refuseCommitsOf(eventId);
            try {
                Webhooks.post(event).then().statusCode(503).header("Retry-After", "60");
            } finally {
                allowCommits();
            }
            assertEquals(1, Broker.count(jms, broker.inboxQueue(), eventId), "the broker committed before the database failed");
            assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM webhook_receipt WHERE event_id = ?", eventId),
                    "no receipt: the database did not commit");

            // the 503 started a database outage; it ends at the next probe, since the database answers (readiness
            // as a whole stays down while the inbox route is stopped)
            Awaitility.await("outage over").atMost(Duration.ofSeconds(15)).until(() -> "reachable".equals(Health.stores().get("database")));
            Webhooks.post(event).then().statusCode(202).body("status", equalTo("accepted"));
            assertEquals(1, Broker.count(jms, broker.inboxQueue(), eventId), "the broker dropped the retry's copy");
            Webhooks.post(event).then().statusCode(200).body("status", equalTo("duplicate"));
        } finally {
            camel.getRouteController().startRoute("inbox");
        }

        double deliveredBefore = ledgerDeliveries();
        Awaitility.await("in the ledger").atMost(Duration.ofSeconds(20)).until(() -> Tables.count(database, LEDGER_ROWS, tx) == 1);
        // a second copy would be delivered right behind the first
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> ledgerDeliveries() == deliveredBefore + 1 && Broker.count(jms, broker.inboxQueue(), eventId) == 0);
        // the history tells the same: accepted once, dispatched by its rule, delivered by the ledger
        Awaitility.await("in the history").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath found = history(eventId);
            assertEquals(1, found.getInt("size()"), found.prettify());
            assertEquals("balance", found.getString("[0].rule"), found.prettify());
            assertEquals("DELIVERED", found.getString("[0].targets.find { it.target == 'ledger' }.status"), found.prettify());
        });
    }

    /**
     * From now on PostgreSQL refuses, at COMMIT, every transaction that records a receipt of this
     * event, with a connection-class SQLSTATE (08006): a deferred constraint trigger runs at the
     * commit, which the product does after the broker's.
     */
    private void refuseCommitsOf(String eventId) throws SQLException {
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE test_refused_commit (event_id VARCHAR(255) PRIMARY KEY)");
            ddl.execute("""
                    CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF EXISTS (SELECT 1 FROM test_refused_commit WHERE event_id = NEW.event_id) THEN
                            RAISE EXCEPTION 'connection lost at commit (test)' USING ERRCODE = '08006';
                        END IF;
                        RETURN NULL;
                    END $$""");
            ddl.execute("CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT ON webhook_receipt"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()");
            try (PreparedStatement refuse = connection.prepareStatement("INSERT INTO test_refused_commit (event_id) VALUES (?)")) {
                refuse.setString(1, eventId);
                refuse.executeUpdate();
            }
        }
    }

    private void allowCommits() throws SQLException {
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TRIGGER IF EXISTS test_refuse_commit ON webhook_receipt");
            ddl.execute("DROP FUNCTION IF EXISTS test_refuse_commit()");
            ddl.execute("DROP TABLE IF EXISTS test_refused_commit");
        }
    }

    private double ledgerDeliveries() {
        Counter counter = metrics.find("voucherify.deliveries").tags("target", "ledger").counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonPath history(String eventId) {
        return Admin.admin().queryParam("event_id", eventId).get("/admin/events").then().statusCode(200).extract().jsonPath();
    }
}
