package io.voucherifycamel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.voucherifycamel.support.RefusedWrites;
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
        // the delivery record of this key is refused as a database that went away would: the insert into
        // delivery_log is the one write between the mail's send and the end of its attempt
        RefusedWrites refused = RefusedWrites.refuse(database, "delivery_log", "delivery_key", deliveryKey, RefusedWrites.When.AT_INSERT);
        try {
            Webhooks.post(event).then().statusCode(202);
            // the first attempt sent the mail and failed to record it; the next found the record still refused
            Awaitility.await("two failed attempts").atMost(Duration.ofSeconds(20)).until(() -> retries() >= retriesBefore + 2);
            assertEquals(1, GreenMailResource.mailsFor(tx).size(), "sent once, though not recorded");
            assertEquals(0, Tables.count(database, RECORDS, deliveryKey), "not recorded during the outage");
        } finally {
            refused.allow();
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

    private double retries() {
        Counter counter = metrics.find("voucherify.deliveries.retried").tags("target", "finance-email").counter();
        return counter == null ? 0 : counter.count();
    }
}
