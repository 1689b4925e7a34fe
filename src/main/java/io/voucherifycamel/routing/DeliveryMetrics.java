package io.voucherifycamel.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Counts what each target delivered, as {@code voucherify_deliveries_total{target}} (with the retries
 * and dead letters, the whole picture), and how long after its acknowledgement each event reached the
 * target, as the histogram {@code voucherify_delivery_latency_seconds{target}}.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called by the target templates after each success; {@code acceptedAt} is {@link VoucherifyHeaders#ACCEPTED_AT}. */
    public void delivered(String target, Long acceptedAt) {
        String name = String.valueOf(target);
        delivered.computeIfAbsent(name, tag -> Counter.builder("voucherify.deliveries").tag("target", tag)
                .description("Events a target delivered").register(registry)).increment();
        // events accepted before this header existed carry none; a replay counts from its first acknowledgement
        if (acceptedAt != null) {
            latency.computeIfAbsent(name, tag -> Timer.builder("voucherify.delivery.latency").tag("target", tag)
                    .description("From the webhook's acknowledgement to the target's success")
                    .publishPercentileHistogram().register(registry))
                    .record(Math.max(0, System.currentTimeMillis() - acceptedAt), TimeUnit.MILLISECONDS);
        }
    }
}
