package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.Health;
import io.voucherifycamel.support.Webhooks;

/** Health and metrics answer on the management port only: the port Voucherify reaches serves the webhook, not them. */
@QuarkusTest
class ManagementPortTest {

    @Test
    void healthAndMetricsAreOnTheManagementPort() {
        Health.started().then().statusCode(200);
        Health.ready().then().statusCode(200);
        Health.live().then().statusCode(200);
        Health.management().get("/q/metrics").then().statusCode(200).body(containsString("voucherify_routes_info"));
    }

    @Test
    void deliveryLatencyIsMeasuredFromTheAcknowledgement() {
        String ledger = "voucherify_delivery_latency_seconds_count{target=\"ledger\"}";
        double before = QueueBacklogTest.metric(ledger);
        Webhooks.post(Webhooks.gift("refund", "MANUAL")).then().statusCode(202);
        Awaitility.await("the ledger's latency recorded").atMost(Duration.ofSeconds(20))
                .until(() -> QueueBacklogTest.metric(ledger) > (Double.isNaN(before) ? 0 : before));
        Health.management().get("/q/metrics").then()
                .body(containsString("voucherify_delivery_latency_seconds_bucket{target=\"ledger\""));
    }

    @Test
    void thePublicPortDoesNotServeThem() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics" }) {
            given().get(path).then().statusCode(404);
        }
    }
}
