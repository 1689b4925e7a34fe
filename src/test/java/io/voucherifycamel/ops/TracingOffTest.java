package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.Tracer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
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

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.voucherifycamel").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.voucherifycamel").removeHandler(capture);
    }

    @Test
    void offWithoutAnEndpoint() {
        assertTrue(config.getValue("quarkus.otel.sdk.disabled", Boolean.class), "SDK disabled");
        assertNull(camel.hasService(Tracer.class), "no Camel tracer");
        assertFalse(config.getOptionalValue("quarkus.log.console.format", String.class).orElse("").contains("traceId"),
                "plain log lines unchanged");

        ObjectNode event = Webhooks.gift("refund", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        String eventId = Webhooks.eventId(event);
        ExtLogRecord dispatch = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> records.stream().filter(record -> record.getLoggerName().equals("io.voucherifycamel.dispatch")
                        && record.getFormattedMessage().contains(eventId)).findFirst().orElse(null), record -> record != null);
        assertEquals(eventId, dispatch.getMdc("VoucherifyEventId"));
        assertNull(dispatch.getMdc("traceId"), "no trace");
    }
}
