package io.voucherifycamel.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The health endpoints on the management port, as Kubernetes reads them. */
public final class Health {

    private Health() {
    }

    public static Response ready() {
        return management().get("/q/health/ready");
    }

    public static Response live() {
        return management().get("/q/health/live");
    }

    public static Response started() {
        return management().get("/q/health/started");
    }

    /** Requests to the management interface (its port is chosen at random in tests). */
    public static RequestSpecification management() {
        return given().port(Arc.container().instance(HttpServer.class).get().getManagementPort());
    }

    /** The data of the product's readiness check of its stores: {"database": "reachable", "broker": "unreachable since …"}. */
    public static Map<String, Object> stores() {
        List<Map<String, Object>> checks = ready().jsonPath().getList("checks");
        return checks.stream().filter(check -> "voucherify-stores".equals(check.get("name"))).findFirst()
                .map(check -> (Map<String, Object>) check.get("data")).orElseThrow();
    }
}
