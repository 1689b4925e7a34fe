package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.Webhooks;

/**
 * Every webhook answer moves {@code voucherify_webhooks_total{outcome,reason}} as Prometheus scrapes it:
 * accepted, duplicate, a quarantine by its reason, and signature failures (wrong and missing); an
 * answer of one kind moves no other.
 */
@QuarkusTest
class WebhookMetricsTest {

    private static final String ACCEPTED = series("accepted", "none");
    private static final String DUPLICATE = series("duplicate", "none");
    private static final String QUARANTINED = series("quarantined", "malformed-json");
    private static final String WRONG_SIGNATURE = series("rejected", "invalid-signature");
    private static final String NO_SIGNATURE = series("rejected", "missing-signature");

    @Test
    void eachAnswerIsCountedUnderItsOutcomeAndReason() {
        ObjectNode event = Webhooks.seed();
        double accepted = count(ACCEPTED);
        double duplicate = count(DUPLICATE);
        Webhooks.post(event).then().statusCode(202);
        assertEquals(accepted + 1, count(ACCEPTED));
        assertEquals(duplicate, count(DUPLICATE), "a new event is no duplicate");
        Webhooks.post(event).then().statusCode(200);
        assertEquals(duplicate + 1, count(DUPLICATE));
        assertEquals(accepted + 1, count(ACCEPTED), "a duplicate is not accepted again");

        double quarantined = count(QUARANTINED);
        Webhooks.post("{\"type\": ", Webhooks.SECRET).then().statusCode(202);
        assertEquals(quarantined + 1, count(QUARANTINED));

        double wrong = count(WRONG_SIGNATURE);
        double missing = count(NO_SIGNATURE);
        Webhooks.post(Webhooks.write(Webhooks.seed()), "not-the-secret").then().statusCode(401);
        assertEquals(wrong + 1, count(WRONG_SIGNATURE));
        assertEquals(missing, count(NO_SIGNATURE));
        given().contentType("application/json").body(Webhooks.write(Webhooks.seed())).post(Webhooks.PATH).then().statusCode(401);
        assertEquals(missing + 1, count(NO_SIGNATURE));
        assertEquals(accepted + 1, count(ACCEPTED), "nothing refused was accepted");
    }

    private static String series(String outcome, String reason) {
        return "voucherify_webhooks_total{outcome=\"" + outcome + "\",reason=\"" + reason + "\"}";
    }

    /** The counter as scraped; a series not created yet counts 0. */
    private static double count(String series) {
        double value = QueueBacklogTest.metric(series);
        return Double.isNaN(value) ? 0 : value;
    }
}
