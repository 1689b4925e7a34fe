package io.voucherifycamel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * Routes in YAML edited while events flow: a new target file (a templatedRoute), an edited rule, a
 * rule naming a target that does not exist, a broken file and a deleted file each take effect without
 * a restart, and every event is still delivered exactly once (those parked by the mistaken rule once
 * they are replayed under the corrected one).
 */
@QuarkusTest
@TestProfile(ReloadProfile.class)
class LiveReloadTest {

    private static final Duration RELOAD = Duration.ofSeconds(30);

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void routesAreAddedEditedRefusedAndRemovedWhileEventsFlow() throws Exception {
        Path dispatch = ReloadProfile.ROUTES.resolve("dispatch.camel.yaml");
        Path audit = ReloadProfile.ROUTES.resolve("audit.camel.yaml");
        String shipped = Files.readString(dispatch);
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean flowing = new AtomicBoolean(true);
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<?> flow = background.submit(() -> {
            while (flowing.get()) {
                ObjectNode event = Webhooks.otherEvent();
                if (Webhooks.post(event).statusCode() == 202) {
                    accepted.add(Webhooks.eventId(event));
                }
            }
            return null;
        });
        try {
            // add: a new file with a new target
            Files.writeString(audit, TestRoutes.AUDIT_TARGET);
            Awaitility.await("target-audit added").atMost(RELOAD).until(() -> camel.getRoute("target-audit") != null);

            // a typo in a rule: the event is parked at once with the reason, nothing half sent
            Files.writeString(dispatch, shipped.replace("constant: events-queue", "constant: events-queue,audt"));
            ObjectNode mistaken = Webhooks.otherEvent();
            Awaitility.await("mistaken rule live").atMost(RELOAD).pollInterval(Duration.ofMillis(500)).until(() -> {
                Webhooks.post(Webhooks.otherEvent()).then().statusCode(202);
                return DeadLetterList.all().stream().anyMatch(e -> String.valueOf(e.get("reason")).contains("'audt'"));
            });
            Webhooks.post(mistaken).then().statusCode(202);
            Map<String, Object> parked = Awaitility.await().atMost(RELOAD)
                    .until(() -> DeadLetterList.of(null, Webhooks.eventId(mistaken)), entry -> entry != null);
            assertEquals("permanent", parked.get("kind"));
            assertEquals(1, parked.get("attempts"));
            assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(mistaken), Duration.ofMillis(200)), "nothing half sent");

            // edit: rule 4 now also delivers to the new target; the parked events are replayed under it
            Files.writeString(dispatch, shipped.replace("constant: events-queue", "constant: events-queue,audit"));
            Awaitility.await("edited rule live").atMost(RELOAD).until(this::freshEventReachesAudit);
            Admin.admin().post("/admin/dead-letters/replay").then().statusCode(200);
            assertNotNull(Broker.receive(jms, TestRoutes.AUDIT_QUEUE, Webhooks.eventId(mistaken), Duration.ofSeconds(10)), "replayed");

            // break: the file is refused, counted, and the edited rule keeps serving
            double failures = reloadFailures();
            Files.writeString(dispatch, "- route:\n    id: dispatch\n    from: [unclosed\n");
            Awaitility.await("broken file refused").atMost(RELOAD).until(() -> reloadFailures() > failures);
            Awaitility.await("previous routes keep serving").atMost(RELOAD).until(this::freshEventReachesAudit);

            // repair, then remove the target's file: its route stops
            Files.writeString(dispatch, shipped);
            Awaitility.await("shipped rule back").atMost(RELOAD).until(() -> !freshEventReachesAudit());
            Files.delete(audit);
            Awaitility.await("target-audit removed").atMost(RELOAD).until(() -> camel.getRoute("target-audit") == null);
        } finally {
            flowing.set(false);
            flow.get();
            background.shutdown();
        }

        // nothing lost, nothing twice, across every reload: every delivery to the events queue is
        // counted, until each accepted event has arrived and then for a window longer than the test
        // profile's whole retry schedule (3 retries, 200 ms doubling to 1 s: ~1.4 s), so a late
        // second copy would be counted too
        Map<String, Integer> deliveries = deliveriesOnEventsQueue(accepted, Duration.ofSeconds(60), Duration.ofSeconds(5));
        List<String> missing = accepted.stream().filter(id -> !deliveries.containsKey(id)).toList();
        assertEquals(List.of(), missing, "delivered");
        List<String> twice = accepted.stream().filter(id -> deliveries.get(id) != 1).map(id -> id + " x" + deliveries.get(id)).toList();
        assertEquals(0, twice.size(), "delivered once, of " + accepted.size() + "; more often: " + twice.stream().limit(5).toList());
    }

    /**
     * Reads the events queue, counting each event's messages, until all the expected have arrived and
     * then no message came for {@code quiet} (or {@code atMost} passed).
     */
    private Map<String, Integer> deliveriesOnEventsQueue(List<String> expected, Duration atMost, Duration quiet) throws Exception {
        Map<String, Integer> counts = new java.util.HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        try (jakarta.jms.JMSContext context = jms.createContext(jakarta.jms.JMSContext.AUTO_ACKNOWLEDGE);
                jakarta.jms.JMSConsumer consumer = context.createConsumer(context.createQueue(Broker.EVENTS))) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                jakarta.jms.Message message = consumer.receive(200);
                if (message != null) {
                    counts.merge(message.getStringProperty("VoucherifyEventId"), 1, Integer::sum);
                    quietSince = System.nanoTime();
                } else if (counts.keySet().containsAll(expected) && System.nanoTime() - quietSince > quiet.toNanos()) {
                    break;
                }
            }
        }
        return counts;
    }

    private boolean freshEventReachesAudit() throws Exception {
        ObjectNode event = Webhooks.otherEvent();
        Webhooks.post(event).then().statusCode(202);
        boolean audited = Broker.receive(jms, TestRoutes.AUDIT_QUEUE, Webhooks.eventId(event), Duration.ofSeconds(2)) != null;
        // consume its events-queue copy so the exactly-once check above only sees the background flow
        Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofSeconds(5));
        return audited;
    }

    private double reloadFailures() {
        var counter = metrics.find("voucherify.routes.reload.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
