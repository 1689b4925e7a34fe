package io.voucherifycamel.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Header;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what each target delivered, as {@code voucherify_deliveries_total{target}}: with the retries and dead letters, the whole picture. */
@ApplicationScoped
@Named("deliveryMetrics")
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void delivered(@Header(RoutingHeaders.TARGET) String target) {
        delivered.computeIfAbsent(String.valueOf(target), name -> Counter.builder("voucherify.deliveries").tag("target", name)
                .description("Events a target delivered").register(registry)).increment();
    }
}
