package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.Health;

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
    void thePublicPortDoesNotServeThem() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics" }) {
            given().get(path).then().statusCode(404);
        }
    }
}
