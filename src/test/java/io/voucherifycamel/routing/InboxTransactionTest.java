package io.voucherifycamel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * Taking an event from the inbox and sending what the rules chose are one JMS transaction: if the
 * sends cannot be committed, the event is not consumed either. A rule of this test copies events to
 * a test queue under one fixed Artemis duplicate-detection id: the first event's transaction commits
 * it; the second's carries a duplicate, so the broker refuses to commit it, every time. The second
 * event must come back until the broker parks it, never vanish. (Checked: with Camel's default
 * JmsTransactionManager and a cached consumer, the consume was committed on its own session, and
 * the second event vanished: neither in the ledger nor among the dead letters.)
 * <p>
 * The broker starts on a fresh journal: the first message the broker itself parks must find the
 * dead-letter queue declared. (Checked: before the embedded broker declared it, Artemis dropped the
 * parked event, "no bindings", whenever no earlier test had created that queue.)
 */
@QuarkusTest
@TestProfile(InboxTransactionTest.Profile.class)
class InboxTransactionTest {

    /** A rule for reason "uncommittable" that makes the transaction fail at commit; the broker parks after 2 tries. */
    public static class Profile implements QuarkusTestProfile {

        static final String RULE = ""
                + "              - simple: \"${header.VoucherifyReason} == 'uncommittable'\"\n"
                + "                steps:\n"
                + "                  - setHeader:\n"
                + "                      name: _AMQ_DUPL_ID\n"
                // unique per run: the embedded broker's journal, and its duplicate-id cache, outlive a run
                + "                      constant: one-id-" + java.util.UUID.randomUUID() + "\n"
                + "                  - to: jms:queue:voucherify.test.uncommittable\n"
                + "                  - setHeader:\n"
                + "                      name: VoucherifyTargets\n"
                + "                      constant: ledger\n";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", TestRoutes.copy(RULE, Map.of()).toString(),
                    "voucherify.data-dir", "target/fresh-data-" + java.util.UUID.randomUUID(),
                    "voucherify.broker.max-delivery-attempts", "2",
                    "voucherify.broker.redelivery-delay", "100ms");
        }
    }

    @Inject
    Database database;

    @Test
    void anEventWhoseSendsCannotBeCommittedIsNotConsumed() throws Exception {
        ObjectNode first = Webhooks.gift("uncommittable", "MANUAL");
        Webhooks.post(first).then().statusCode(202);
        Awaitility.await("the first one commits the id").atMost(Duration.ofSeconds(20)).until(() -> Tables.count(database,
                "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", Webhooks.transactionId(first)) == 1);

        ObjectNode event = Webhooks.gift("uncommittable", "MANUAL");
        Webhooks.post(event).then().statusCode(202);

        Map<String, Object> parked = Awaitility.await("parked by the broker, not lost").atMost(Duration.ofSeconds(30))
                .until(() -> DeadLetterList.of(null, Webhooks.eventId(event)), entry -> entry != null);
        assertEquals("voucherify.inbox", parked.get("original_address"), parked.toString());
        assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?",
                Webhooks.transactionId(event)), "nothing of the failed transaction was sent");
    }
}
