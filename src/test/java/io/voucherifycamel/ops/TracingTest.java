package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.routing.FlakyTargetProfile;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.InMemorySpans;
import io.voucherifycamel.support.LogCapture;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * One trace per webhook, from its HTTP request through the dispatch rules to every target,
 * across every JMS hop (retries and a replay from the dead-letter queue included), read from the spans
 * the product exported; and the trace and span ids in the log lines written meanwhile.
 */
@QuarkusTest
@TestProfile(TracingTest.Profile.class)
class TracingTest {

    /**
     * Tracing switched on by an OTLP endpoint, as in production; this test build leaves the OTLP
     * exporter out (build time) and reads the spans from the in-memory exporter instead, so the
     * endpoint is never contacted. Plus the flaky test target of {@link FlakyTargetProfile}.
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
                    "quarkus.otel.bsp.schedule.delay", "50ms",
                    "voucherify.routes-dir", TestRoutes.copy(FlakyTargetProfile.RULE,
                            Map.of("flaky.camel.yaml", FlakyTargetProfile.TARGET)).toString());
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(InMemorySpans.class);
        }
    }

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    private static final AttributeKey<String> URI = AttributeKey.stringKey("camel.uri");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void oneTraceFromTheRequestThroughTheRulesToEveryTarget() throws Exception {
        // rule 1: a manual refund goes to finance-email and ledger
        ObjectNode refund = Webhooks.gift("refund", "MANUAL");
        String refundTrace = traceOfOneWebhook(refund, "voucherify.target.finance-email", "voucherify.target.ledger");

        // the log line of the dispatch carries the trace and the span it was written in
        String eventId = Webhooks.eventId(refund);
        ExtLogRecord dispatch = awaitRecord(record -> record.getLoggerName().equals("io.voucherifycamel.dispatch")
                && record.getFormattedMessage().contains(eventId));
        assertEquals(refundTrace, dispatch.getMdc("traceId"), "trace id in the dispatch line's logging context (JSON: mdc)");
        String spanId = dispatch.getMdc("spanId");
        assertTrue(exporter.getFinishedSpanItems().stream().anyMatch(span -> span.getSpanId().equals(spanId)),
                "the line's span id is one of the trace's spans: " + spanId);
        String plainLine = new PatternFormatter(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class))
                .format(dispatch);
        assertTrue(plainLine.contains("[" + refundTrace + "," + spanId + "]"), plainLine);

        // rule 2, another webhook: automatic-topic and ledger, in a trace of its own, which the message
        // published for other systems carries on
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer topic = context.createConsumer(context.createTopic("voucherify.gift.automatic"))) {
            ObjectNode automatic = Webhooks.gift("card top-up", "AUTOMATIC");
            String automaticTrace = traceOfOneWebhook(automatic, "voucherify.target.automatic-topic", "voucherify.target.ledger");
            assertNotEquals(refundTrace, automaticTrace, "each webhook starts its own trace");
            Message published = topic.receive(DELIVERY.toMillis());
            assertNotNull(published, "published on the topic");
            String traceparent = published.getStringProperty("traceparent");
            assertTrue(traceparent != null && traceparent.contains(automaticTrace), "traceparent " + traceparent);
        }
    }

    @Test
    void retriesAndTheReplayOfADeadLetterStayInTheEventsTrace() {
        exporter.reset();
        ObjectNode event = Webhooks.gift("flaky-fail", "MANUAL");
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        Map<String, Object> parked = Awaitility.await("parked after its retries").atMost(DELIVERY)
                .until(() -> DeadLetterList.of(tx, null), entry -> entry != null);
        int attempts = ((Number) parked.get("attempts")).intValue();
        assertTrue(attempts > 1, "retried before it was parked: " + parked);

        FlakyTarget.recover();
        Admin.admin().post("/admin/dead-letters/{id}/replay", parked.get("id")).then().statusCode(200);
        Awaitility.await("delivered after the replay").atMost(DELIVERY).until(() -> FlakyTarget.deliveries(tx) == 1);

        // every attempt, the replayed one included, is a consumer span of the flaky target's queue
        List<SpanData> deliveries = Awaitility.await("spans of every attempt").atMost(DELIVERY)
                .until(() -> received("voucherify.target.flaky"), spans -> spans.size() == attempts + 1);
        String trace = webhookSpan().getTraceId();
        for (SpanData delivery : deliveries) {
            assertEquals(trace, delivery.getTraceId(), "attempt in the webhook's trace\n" + describe(exporter.getFinishedSpanItems()));
        }
    }

    /**
     * Posts one webhook and waits for its targets' consumer spans; checks that the request, the dispatch
     * route (asked when the event is accepted) and every target consumer are in one trace, started by the
     * request, and that the event did not go through the inbox.
     */
    private String traceOfOneWebhook(ObjectNode event, String... targetQueues) {
        exporter.reset();
        Webhooks.post(event).then().statusCode(202);
        for (String queue : targetQueues) {
            Awaitility.await(queue + " consumed").atMost(DELIVERY).until(() -> !received(queue).isEmpty());
        }
        SpanData request = webhookSpan();
        assertEquals(SpanKind.SERVER, request.getKind());
        assertTrue(!request.getParentSpanContext().isValid(), "the webhook request starts the trace");
        String trace = request.getTraceId();

        assertEquals(List.of(), received("voucherify.inbox"), "the rules only choose: the event skips the inbox");
        List<SpanData> hops = new java.util.ArrayList<>(received("direct://dispatch"));
        for (String queue : targetQueues) {
            hops.addAll(received(queue));
        }
        assertEquals(1 + targetQueues.length, hops.size(), "dispatch and one per target\n" + describe(hops));
        String spans = describe(exporter.getFinishedSpanItems());
        for (SpanData hop : hops) {
            assertEquals(trace, hop.getTraceId(), hop.getAttributes().get(URI) + " in the request's trace\n" + spans);
        }
        assertEquals(Set.of(trace), exporter.getFinishedSpanItems().stream().map(SpanData::getTraceId).collect(Collectors.toSet()),
                "no span outside the request's trace\n" + spans);
        return trace;
    }

    private SpanData webhookSpan() {
        return Awaitility.await("the request's span").atMost(DELIVERY)
                .until(() -> exporter.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER && Webhooks.PATH.equals(span.getAttributes().get(PATH)))
                        .findFirst().orElse(null), span -> span != null);
    }

    /** The spans of a route taking a message from this endpoint (op EVENT_RECEIVED), by a part of its URI. */
    private List<SpanData> received(String uriPart) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP)))
                .filter(span -> span.getAttributes().get(URI) != null && span.getAttributes().get(URI).contains(uriPart))
                .toList();
    }

    private ExtLogRecord awaitRecord(Predicate<ExtLogRecord> which) {
        ExtLogRecord found = logs.await(which, DELIVERY);
        assertNotNull(found);
        return found;
    }

    private static String describe(List<SpanData> spans) {
        return spans.stream().map(span -> span.getTraceId() + " " + span.getSpanId() + " <- " + span.getParentSpanId() + " "
                + span.getKind() + " " + span.getName() + " " + span.getAttributes().get(OP) + " " + span.getAttributes().get(URI))
                .collect(Collectors.joining("\n"));
    }
}
