package io.voucherifycamel.store;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names the store an outage is about ({@code database} or {@code broker}: "unreachable
 * since …"), so a load balancer stops sending webhooks to this instance and an operator sees why.
 * Not a liveness check: restarting the process would not bring a store back.
 */
@Readiness
@ApplicationScoped
public class StoresReadiness implements HealthCheck {

    private final StoreOutages outages;

    StoresReadiness(StoreOutages outages) {
        this.outages = outages;
    }

    @Override
    public HealthCheckResponse call() {
        Map<Store, Instant> down = outages.outages();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("voucherify-stores").status(down.isEmpty());
        for (Store store : Store.values()) {
            Instant since = down.get(store);
            response.withData(store.label(), since == null ? "reachable" : "unreachable since " + since);
        }
        return response.build();
    }
}
