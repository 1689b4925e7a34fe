package io.voucherifycamel.history;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * The history never holds a delivery up: with no room for outcome records (as during a long database
 * outage) they are dropped and counted, and the event is still delivered; what arrived, and the
 * targets the rules chose for it at acceptance, are still recorded, with its receipt.
 */
@QuarkusTest
@TestProfile(HistoryBackpressureTest.NoRoom.class)
class HistoryBackpressureTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.history.max-pending-writes", "0");
        }
    }

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Test
    void outcomesWithoutRoomAreDroppedAndCountedWhileTheEventIsDelivered() throws Exception {
        double dropped = metrics.get("voucherify.history.dropped").counter().count();
        ObjectNode event = Webhooks.gift("top-up", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        String tx = Webhooks.transactionId(event);

        Awaitility.await("the ledger row").atMost(Duration.ofSeconds(20))
                .until(() -> Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", tx) == 1);
        // the ledger's success: dropped, not written
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> metrics.get("voucherify.history.dropped").counter().count() >= dropped + 1);
        // the dispatch, chosen when the event was accepted, is recorded with its receipt; the outcome is not
        Admin.admin().queryParam("transaction_id", tx).get("/admin/events").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].rule", equalTo("balance"))
                .body("[0].targets.size()", equalTo(1)).body("[0].targets[0].status", equalTo("PENDING"));
        assertTrue(Tables.count(database, "SELECT COUNT(*) FROM event_history WHERE transaction_id = ?", tx) == 1,
                "what arrived is recorded with its receipt");
    }
}
