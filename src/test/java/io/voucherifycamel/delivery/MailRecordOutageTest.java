package io.voucherifycamel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.PostgresMailProfile;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * The SMTP server took the mail, then the database could not record the delivery: the mail is not
 * sent again, not while the record keeps failing, nor when the retry records it.
 */
@QuarkusTest
@TestProfile(MailRecordOutageTest.Profile.class)
class MailRecordOutageTest {

    /** PostgreSQL and GreenMail; 12 retries from 500 ms doubling to at most 2 s (~20 s), so the test's outage fits inside them. */
    public static class Profile extends PostgresMailProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.delivery.max-redeliveries", "12",
                    "voucherify.delivery.redelivery-delay", "500ms",
                    "voucherify.delivery.max-redelivery-delay", "2s");
        }
    }

    private static final String RECORDS = "SELECT COUNT(*) FROM delivery_log WHERE delivery_key = ?";

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Test
    void mailWhoseRecordFailedIsRecordedOnTheRetryAndNotSentAgain() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL"); // rule manual-gift-refund: finance-email and ledger
        String tx = Webhooks.transactionId(event);
        String deliveryKey = "finance-email:transaction:" + tx;
        double retriesBefore = retries();
        refuseRecordsOf(deliveryKey);
        try {
            Webhooks.post(event).then().statusCode(202);
            // the first attempt sent the mail and failed to record it; the next found the record still refused
            Awaitility.await("two failed attempts").atMost(Duration.ofSeconds(20)).until(() -> retries() >= retriesBefore + 2);
            assertEquals(1, GreenMailResource.mailsFor(tx).size(), "sent once, though not recorded");
            assertEquals(0, Tables.count(database, RECORDS, deliveryKey), "not recorded during the outage");
        } finally {
            allowRecords();
        }
        Awaitility.await("recorded").atMost(Duration.ofSeconds(20)).until(() -> Tables.count(database, RECORDS, deliveryKey) == 1);
        // a repeat would go out with the attempt that records it, or with one more right behind it
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> GreenMailResource.mailsFor(tx).size() == 1);
        Awaitility.await("delivered in the history").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath found = Admin.admin().queryParam("transaction_id", tx).get("/admin/events").then().statusCode(200)
                    .extract().jsonPath();
            String mail = "[0].targets.find { it.target == 'finance-email' }";
            assertEquals("DELIVERED", found.getString(mail + ".status"), found.prettify());
            assertTrue(found.getInt(mail + ".attempts") >= 3, found.prettify());
        });
    }

    /**
     * From now on PostgreSQL refuses the delivery record of this key with a connection-class SQLSTATE
     * (08006), as a database that went away would: the insert into delivery_log is the one write
     * between the mail's send and the end of its attempt, and the read before the send is unaffected.
     */
    private void refuseRecordsOf(String deliveryKey) throws SQLException {
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE test_refused_record (delivery_key VARCHAR(1000) PRIMARY KEY)");
            ddl.execute("""
                    CREATE FUNCTION test_refuse_record() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF EXISTS (SELECT 1 FROM test_refused_record WHERE delivery_key = NEW.delivery_key) THEN
                            RAISE EXCEPTION 'connection lost before the record (test)' USING ERRCODE = '08006';
                        END IF;
                        RETURN NEW;
                    END $$""");
            ddl.execute("CREATE TRIGGER test_refuse_record BEFORE INSERT ON delivery_log FOR EACH ROW EXECUTE FUNCTION test_refuse_record()");
            try (PreparedStatement refuse = connection.prepareStatement("INSERT INTO test_refused_record (delivery_key) VALUES (?)")) {
                refuse.setString(1, deliveryKey);
                refuse.executeUpdate();
            }
        }
    }

    private void allowRecords() throws SQLException {
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TRIGGER IF EXISTS test_refuse_record ON delivery_log");
            ddl.execute("DROP FUNCTION IF EXISTS test_refuse_record()");
            ddl.execute("DROP TABLE IF EXISTS test_refused_record");
        }
    }

    private double retries() {
        Counter counter = metrics.find("voucherify.deliveries.retried").tags("target", "finance-email").counter();
        return counter == null ? 0 : counter.count();
    }
}
