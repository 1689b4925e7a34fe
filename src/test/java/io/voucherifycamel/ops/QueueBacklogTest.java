package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.support.Health;
import io.voucherifycamel.support.Webhooks;

/**
 * The backlog metrics, as Prometheus scrapes them: with processing paused, accepted events wait on the
 * inbox, and {@code voucherify_queue_messages} counts them while {@code voucherify_queue_oldest_age_seconds}
 * grows; the queues with nothing waiting say 0. A fresh data folder, so that nothing of another test waits.
 */
@QuarkusTest
@TestProfile(QueueBacklogTest.Profile.class)
class QueueBacklogTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.processing.enabled", "false",
                    "voucherify.metrics.queue-interval", "200ms",
                    "voucherify.data-dir", "target/fresh-data-" + UUID.randomUUID());
        }
    }

    @Test
    void waitingEventsAreCountedAndTheirAgeGrows() {
        for (int i = 0; i < 3; i++) {
            Webhooks.post(Webhooks.otherEvent()).then().statusCode(202);
        }
        Awaitility.await("three events counted on the inbox").atMost(Duration.ofSeconds(10))
                .until(() -> metric("voucherify_queue_messages{queue=\"voucherify.inbox\"}") == 3.0);
        Awaitility.await("the oldest one ages").atMost(Duration.ofSeconds(10))
                .until(() -> metric("voucherify_queue_oldest_age_seconds{queue=\"voucherify.inbox\"}") >= 1.0);
        assertEquals(0.0, metric("voucherify_queue_messages{queue=\"voucherify.dlq\"}"), "nothing parked");
        assertEquals(0.0, metric("voucherify_queue_messages{queue=\"voucherify.target.ledger\"}"), "nothing for the ledger yet");
        assertEquals(0.0, metric("voucherify_queue_oldest_age_seconds{queue=\"voucherify.target.ledger\"}"));
    }

    /** One sample of /q/metrics by its name and labels as Prometheus prints them; NaN when absent. */
    static double metric(String series) {
        String text = Health.management().get("/q/metrics").asString();
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(Double.NaN);
    }
}
