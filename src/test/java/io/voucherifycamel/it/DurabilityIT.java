package io.voucherifycamel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.support.Webhooks;

/** The packaged jar on its embedded defaults: an acknowledged event survives kill -9, and so does de-duplication. */
class DurabilityIT {

    private static final String SECRET = "it-secret-do-not-log";

    @Test
    void acknowledgedEventSurvivesKill9AndIsProcessedOnceAfterRestart() throws Exception {
        Path data = Files.createTempDirectory("voucherify-it-data");
        Path log = Files.createTempFile("voucherify-it", ".log");
        ObjectNode seed = Webhooks.seed();
        String body = Webhooks.write(seed);
        String dispatched = "Dispatching customer.voucher.gift.balance_added " + Webhooks.eventId(seed);

        // processing paused: after the 202 the event exists only in the broker's journal
        Map<String, String> paused = AppProcess.env(
                "VOUCHERIFY_WEBHOOK_SECRETS", SECRET,
                "VOUCHERIFY_DATA_DIR", data.toString(),
                "VOUCHERIFY_PROCESSING_ENABLED", "false");
        try (AppProcess app = AppProcess.start(paused, log)) {
            assertEquals(202, app.post(body, SECRET).statusCode());
            app.kill();
        }
        assertFalse(Files.readString(log).contains(dispatched));

        Map<String, String> running = AppProcess.env(
                "VOUCHERIFY_WEBHOOK_SECRETS", SECRET,
                "VOUCHERIFY_DATA_DIR", data.toString());
        try (AppProcess app = AppProcess.start(running, log)) {
            AppProcess.waitFor("the event is processed after the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> app.log().contains(dispatched));
            // de-duplication survived the kill too
            assertEquals(200, app.post(body, SECRET).statusCode());
            assertEquals(1, app.log().lines().filter(line -> line.contains(dispatched)).count());
        }
        assertFalse(Files.readString(log).contains(SECRET), "the secret never reaches the log");
    }

    @Test
    void productionProfileRefusesToStartWithoutASecret() throws Exception {
        Path data = Files.createTempDirectory("voucherify-it-data");
        Path log = Files.createTempFile("voucherify-it", ".log");
        try (AppProcess app = AppProcess.launch(AppProcess.env("VOUCHERIFY_DATA_DIR", data.toString()), log)) {
            assertNotEquals(0, app.awaitExit(Duration.ofSeconds(90)));
            assertTrue(app.log().contains("voucherify.webhook.secrets"), app.log());
        }
    }
}
