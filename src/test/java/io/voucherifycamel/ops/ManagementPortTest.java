package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.specification.RequestSpecification;
import io.voucherifycamel.support.Webhooks;

/**
 * Health and metrics answer on the management port only: the port Voucherify reaches serves the
 * webhook, not them. Through HTTP alone, so that {@link ManagementPortIT} runs the same against the
 * packaged jar and the native build; only where the random management port is found differs.
 */
@QuarkusTest
public class ManagementPortTest {

    @Test
    void healthAndMetricsAreOnTheManagementPort() {
        management().get("/q/health/started").then().statusCode(200);
        management().get("/q/health/ready").then().statusCode(200);
        management().get("/q/health/live").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("voucherify_routes_info"));
    }

    @Test
    void deliveryLatencyIsMeasuredFromTheAcknowledgement() {
        String ledger = "voucherify_delivery_latency_seconds_count{target=\"ledger\"}";
        double before = metric(ledger);
        Webhooks.post(Webhooks.gift("refund", "MANUAL")).then().statusCode(202);
        Awaitility.await("the ledger's latency recorded").atMost(Duration.ofSeconds(20))
                .until(() -> metric(ledger) > (Double.isNaN(before) ? 0 : before));
        management().get("/q/metrics").then()
                .body(containsString("voucherify_delivery_latency_seconds_bucket{target=\"ledger\""));
    }

    @Test
    void thePublicPortDoesNotServeThem() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics" }) {
            given().get(path).then().statusCode(404);
        }
    }

    private RequestSpecification management() {
        return given().port(managementPort());
    }

    /** The management interface's port, chosen at random in tests: here the running server's. */
    protected int managementPort() {
        return Arc.container().instance(HttpServer.class).get().getManagementPort();
    }

    private double metric(String series) {
        String text = management().get("/q/metrics").asString();
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(Double.NaN);
    }
}
