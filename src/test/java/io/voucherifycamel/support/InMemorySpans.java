package io.voucherifycamel.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Keeps the spans the product exports in memory, for a test profile that enables this alternative
 * ({@code getEnabledAlternatives}): Quarkus' default {@code cdi} span exporter sends finished spans to
 * every {@code SpanExporter} bean.
 */
@Alternative
@Singleton
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
