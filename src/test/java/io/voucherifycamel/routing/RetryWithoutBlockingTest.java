package io.voucherifycamel.routing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.Webhooks;

/**
 * A message waiting for its next attempt holds up nothing: while one event's delivery to a target
 * fails and waits 5 s for its retry, 40 other events to the same target, half of them on the same
 * card, are delivered; the failed one arrives once when the target recovers.
 */
@QuarkusTest
@TestProfile(FlakyTargetProfile.class)
class RetryWithoutBlockingTest {

    @Test
    void eventsBehindAWaitingRetryAreDeliveredBeforeIt() {
        ObjectNode failing = Webhooks.gift("flaky-fail", "MANUAL");
        String failingTx = Webhooks.transactionId(failing);
        Webhooks.post(failing).then().statusCode(202);
        Awaitility.await("first attempt failed").atMost(Duration.ofSeconds(15)).until(() -> FlakyTarget.attempts(failingTx) == 1);
        // the event history says it waits for a retry, with the failure
        Awaitility.await("history: retrying").atMost(Duration.ofSeconds(3)).untilAsserted(() -> Admin.admin()
                .queryParam("transaction_id", failingTx).get("/admin/events").then().statusCode(200)
                .body("[0].targets[0].target", equalTo("flaky")).body("[0].targets[0].status", equalTo("RETRYING"))
                .body("[0].targets[0].attempts", equalTo(1)).body("[0].targets[0].last_error", containsString("refused")));

        List<String> others = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ObjectNode other = Webhooks.gift("flaky-ok", "MANUAL");
            if (i % 2 == 1) { // another card; the even ones share the failing event's card
                ((ObjectNode) other.path("data").path("voucher")).put("id", "v_" + Webhooks.unique());
            }
            Webhooks.post(other).then().statusCode(202);
            others.add(Webhooks.transactionId(other));
        }
        Awaitility.await("the others delivered").atMost(Duration.ofSeconds(15))
                .until(() -> others.stream().allMatch(tx -> FlakyTarget.deliveries(tx) == 1));
        // the others were not behind the waiting retry: it has not even been attempted again
        assertEquals(1, FlakyTarget.attempts(failingTx), "the failed event waits in the broker, not in front of the others");

        FlakyTarget.recover();
        Awaitility.await("the failed event delivered once").atMost(Duration.ofSeconds(20))
                .until(() -> FlakyTarget.deliveries(failingTx) == 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> FlakyTarget.deliveries(failingTx) == 1);
        assertEquals(2, FlakyTarget.attempts(failingTx));
        Awaitility.await("history: delivered at the second attempt").atMost(Duration.ofSeconds(10)).untilAsserted(() -> Admin.admin()
                .queryParam("transaction_id", failingTx).get("/admin/events").then().statusCode(200)
                .body("[0].targets[0].status", equalTo("DELIVERED")).body("[0].targets[0].attempts", equalTo(2)));
    }
}
