package io.voucherifycamel.intake;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts webhook outcomes as {@code voucherify_webhooks_total{outcome,reason}} so a rising quarantine is visible. */
@ApplicationScoped
public class IntakeMetrics {

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String outcome, String reason) {
        registry.counter("voucherify.webhooks", "outcome", outcome, "reason", reason).increment();
    }
}
