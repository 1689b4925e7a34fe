package io.voucherifycamel.ops;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Tracing is off unless an OTLP endpoint is configured: without one the OpenTelemetry SDK is disabled
 * ({@code quarkus.otel.sdk.disabled}), so nothing tries to export to the default localhost:4317 and
 * no failed export is logged; Camel's tracer is then not even created. With an endpoint, plain log
 * lines also show the trace and span id of the work they are about. Sits below application.properties
 * and environment variables, so an explicit {@code quarkus.otel.sdk.disabled} or log format wins.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final int ORDINAL = 240;
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");
    /** Quarkus' default console format with {@code [traceId,spanId]} before the message (empty outside a trace). */
    static final String TRACED_FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) [%X{traceId},%X{spanId}] %s%e%n";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpoint = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingSwitch::isSet);
        Map<String, String> settings = endpoint
                ? Map.of("quarkus.log.console.format", TRACED_FORMAT)
                : Map.of("quarkus.otel.sdk.disabled", "true");
        return List.of(new PropertiesConfigSource(settings, "voucherify-tracing-switch", ORDINAL));
    }

    /**
     * Set by a real source (a file, the environment, a system property): the extension's own default
     * (localhost:4317), which Quarkus keeps in sources of negative ordinal, does not count.
     */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
