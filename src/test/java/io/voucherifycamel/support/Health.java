package io.voucherifycamel.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/** The health endpoints, as a load balancer or Kubernetes reads them. */
public final class Health {

    private Health() {
    }

    public static Response ready() {
        return given().get("/q/health/ready");
    }

    public static Response live() {
        return given().get("/q/health/live");
    }

    /** The data of the product's readiness check of its stores: {"database": "reachable", "broker": "unreachable since …"}. */
    public static Map<String, Object> stores() {
        List<Map<String, Object>> checks = ready().jsonPath().getList("checks");
        return checks.stream().filter(check -> "voucherify-stores".equals(check.get("name"))).findFirst()
                .map(check -> (Map<String, Object>) check.get("data")).orElseThrow();
    }
}
