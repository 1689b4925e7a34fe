package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.Tracer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.LogCapture;
import io.voucherifycamel.support.Webhooks;

/**
 * Without an OTLP endpoint (the default, as here) tracing is off: the SDK is disabled, so nothing
 * exports to localhost:4317, Camel has no tracer, log lines keep their usual format, and events are
 * processed as always.
 */
@QuarkusTest
class TracingOffTest {

    @Inject
    Config config;

    @Inject
    CamelContext camel;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void offWithoutAnEndpoint() {
        assertTrue(config.getValue("quarkus.otel.sdk.disabled", Boolean.class), "SDK disabled");
        assertNull(camel.hasService(Tracer.class), "no Camel tracer");
        assertFalse(config.getOptionalValue("quarkus.log.console.format", String.class).orElse("").contains("traceId"),
                "plain log lines unchanged");

        ObjectNode event = Webhooks.gift("refund", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        String eventId = Webhooks.eventId(event);
        ExtLogRecord dispatch = logs.await(record -> record.getLoggerName().equals("io.voucherifycamel.dispatch")
                && record.getFormattedMessage().contains(eventId), Duration.ofSeconds(20));
        assertEquals(eventId, dispatch.getMdc("VoucherifyEventId"));
        assertNull(dispatch.getMdc("traceId"), "no trace");
    }
}
