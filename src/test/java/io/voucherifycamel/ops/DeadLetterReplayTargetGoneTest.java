package io.voucherifycamel.ops;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.routing.Targets;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * docs/operations.md "Failures, retries, dead letters and replay": a dead letter whose target no longer exists
 * stays parked when it is replayed, one by id or all at once ({@code kept_target_not_served} in the
 * answer), and is replayed as usual once its target is back.
 */
@QuarkusTest
@TestProfile(DeadLetterReplayTargetGoneTest.Profile.class)
class DeadLetterReplayTargetGoneTest {

    private static final String TARGET = "retired";
    private static final String FILE = "retired.camel.yaml";
    private static final Duration RELOAD = Duration.ofSeconds(30);

    /**
     * The shipped routes plus a target "retired" (the test bean flakyTarget) for every event whose
     * reason starts with "retired", in a folder the test edits; parked at the first failure, on a fresh
     * data folder, so that the dead letters are this test's only.
     */
    public static class Profile implements QuarkusTestProfile {

        static final String RULE = ""
                + "              - simple: \"${header.VoucherifyReason} starts with 'retired'\"\n"
                + "                steps:\n"
                + "                  - setHeader:\n"
                + "                      name: VoucherifyRule\n"
                + "                      constant: retired-test\n"
                + "                  - setHeader:\n"
                + "                      name: VoucherifyTargets\n"
                + "                      constant: " + TARGET + "\n";
        static final String ROUTE_FILE = """
                # Test target: the test bean flakyTarget, removed by the test while its dead letters wait
                - templatedRoute:
                    routeTemplateRef: bean-target
                    parameters:
                      - name: name
                        value: retired
                      - name: bean
                        value: flakyTarget
                """;
        static final Path ROUTES = TestRoutes.copy(RULE, Map.of(FILE, ROUTE_FILE));

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", ROUTES.toString(),
                    "voucherify.delivery.max-redeliveries", "0",
                    "voucherify.data-dir", "target/fresh-data-" + UUID.randomUUID());
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void aDeadLetterWhoseTargetIsGoneStaysParkedUntilTheTargetIsBack() throws Exception {
        FlakyTarget.failAgain();
        try {
            ObjectNode first = Webhooks.gift("retired-fail", "MANUAL");
            ObjectNode second = Webhooks.gift("retired-fail", "MANUAL");
            List<ObjectNode> events = List.of(first, second);
            for (ObjectNode event : events) {
                Webhooks.post(event).then().statusCode(202);
            }
            for (ObjectNode event : events) {
                Map<String, Object> parked = Awaitility.await("parked").atMost(RELOAD)
                        .until(() -> DeadLetterList.of(Webhooks.transactionId(event), null), entry -> entry != null);
                assertEquals(TARGET, parked.get("target"));
            }

            // the target's file is deleted: its route stops; the target itself would now take the events
            Path file = Profile.ROUTES.resolve(FILE);
            Files.delete(file);
            Awaitility.await("target-retired removed").atMost(RELOAD).until(() -> camel.getRoute(Targets.routeId(TARGET)) == null);
            FlakyTarget.recover();

            String id = (String) DeadLetterList.of(Webhooks.transactionId(first), null).get("id");
            Admin.admin().post("/admin/dead-letters/" + id + "/replay").then().statusCode(200)
                    .body("replayed", equalTo(0)).body("kept_target_not_served", equalTo(1));
            assertStillParked(events);

            Admin.admin().post("/admin/dead-letters/replay").then().statusCode(200)
                    .body("replayed", equalTo(0)).body("kept_target_not_served", equalTo(2));
            assertStillParked(events);
            for (ObjectNode event : events) {
                assertNull(Broker.receive(jms, Targets.queue(TARGET), Webhooks.eventId(event), Duration.ofMillis(500)),
                        "nothing moved to the queue of the gone target");
                assertEquals(0, FlakyTarget.deliveries(Webhooks.transactionId(event)), "nothing delivered");
            }

            // the target is back: the kept dead letters are replayed as any other, each delivered once
            Files.writeString(file, Profile.ROUTE_FILE);
            Awaitility.await("target-retired back").atMost(RELOAD).until(() -> camel.getRoute(Targets.routeId(TARGET)) != null);
            Admin.admin().post("/admin/dead-letters/replay").then().statusCode(200)
                    .body("replayed", equalTo(2)).body("kept_target_not_served", equalTo(0));
            for (ObjectNode event : events) {
                Awaitility.await("delivered after the replay").atMost(RELOAD)
                        .until(() -> FlakyTarget.deliveries(Webhooks.transactionId(event)) == 1);
            }
            assertEquals(List.of(), DeadLetterList.all());
        } finally {
            FlakyTarget.failAgain();
        }
    }

    /** Each event's dead letter is listed as it was parked: its target, kind and reason. */
    private static void assertStillParked(List<ObjectNode> events) {
        assertEquals(events.size(), DeadLetterList.all().size(), "dead letters listed");
        for (ObjectNode event : events) {
            Map<String, Object> entry = DeadLetterList.of(Webhooks.transactionId(event), null);
            assertNotNull(entry, "still parked: " + Webhooks.transactionId(event));
            assertEquals(TARGET, entry.get("target"));
            assertEquals("exhausted", entry.get("kind"));
            assertEquals(1, entry.get("attempts"));
            assertEquals("ConnectException: flaky target refused the connection", entry.get("reason"));
        }
    }
}
