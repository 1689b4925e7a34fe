package io.voucherifycamel.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The trace context of the current span (W3C {@code traceparent}, {@code tracestate}, baggage) as JMS
 * message properties, for the messages the product sends with plain JMS rather than through Camel,
 * which injects it into its own sends: the inbox hand-off and the dead-letter replay. Without it a
 * consumer of such a message would start a new trace. Empty when tracing is off or no span is current.
 */
@ApplicationScoped
public class TraceContext {

    /** Camel's own JMS convention (CamelJMSHeadersSpanContextPropagationInjector): a JMS property name cannot hold '-'. */
    private static final String JMS_DASH = "__dash__";

    private final TextMapPropagator propagator;

    TraceContext(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The current span's context, by JMS property name. Call it on the thread of the work it belongs to. */
    public Map<String, String> current() {
        Map<String, String> properties = new LinkedHashMap<>(4);
        propagator.inject(Context.current(), properties, (carrier, field, value) -> carrier.put(jmsName(field), value));
        return properties;
    }

    /** The JMS properties a trace context can be carried in: a copy of a message keeps these. */
    public List<String> propertyNames() {
        return propagator.fields().stream().map(TraceContext::jmsName).toList();
    }

    private static String jmsName(String field) {
        return field.replace("-", JMS_DASH);
    }
}
