package io.voucherifycamel.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.quarkus.main.events.BeforeStart;

/**
 * Switches Camel's OpenTelemetry tracer on before the routes start. Camel Quarkus produces it as a
 * bean, but nothing asks for that bean before the routes are built (seen: without this, only the sends
 * were traced, no route's consumer), and producing it is what registers its route policy. With the
 * SDK disabled (no OTLP endpoint, see {@link TracingSwitch}) the extension produces no tracer.
 */
@ApplicationScoped
public class RouteTracing {

    void register(@Observes BeforeStart event, Instance<OpenTelemetryTracer> tracer) {
        tracer.get();
    }
}
