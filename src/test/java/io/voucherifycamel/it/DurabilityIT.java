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

/**
 * The packaged jar on its embedded defaults: an acknowledged event survives kill -9, and so does
 * de-duplication; after the restart the event is dispatched once, its ledger row and its mail written.
 */
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
        String transactionId = Webhooks.transactionId(seed);
        String mailWritten = "mail written to " + data.toAbsolutePath().resolve("outbox");
        try (AppProcess app = AppProcess.start(running, log)) {
            AppProcess.waitFor("the event is processed after the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> app.log().contains(dispatched));
            // de-duplication survived the kill too
            assertEquals(200, app.post(body, SECRET).statusCode());
            AppProcess.waitFor("the mail is written").atMost(Duration.ofSeconds(30))
                    .until(() -> app.log().lines().anyMatch(line -> line.contains(mailWritten) && line.contains(transactionId)));
            // a second dispatch would come from the broker's redelivery of the inbox message (1 s after
            // a rollback) or from a second inbox message: wait well beyond that before counting
            Thread.sleep(5000);
            assertEquals(1, app.log().lines().filter(line -> line.contains(dispatched)).count(), "dispatched once");
            assertEquals(1, app.log().lines().filter(line -> line.contains(mailWritten) && line.contains(transactionId)).count(),
                    "one mail");
        }
        // what the restarted product wrote, read from its database once it has stopped
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + data.toAbsolutePath().resolve("db").resolve("voucherify") + ";MODE=PostgreSQL", "sa", "");
                java.sql.PreparedStatement select = db.prepareStatement(
                        "SELECT event_id, amount, balance FROM balance_ledger WHERE transaction_id = ?")) {
            select.setString(1, transactionId);
            try (java.sql.ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the ledger row of the event accepted before kill -9");
                assertEquals(Webhooks.eventId(seed), row.getString("event_id"));
                assertEquals(400, row.getLong("amount"));
                assertEquals(15900, row.getLong("balance"));
            }
        }
        try (java.util.stream.Stream<Path> mails = Files.list(data.resolve("outbox"))) {
            assertEquals(1, mails.filter(mail -> mail.getFileName().toString().contains(transactionId)).count(), "the mail in the outbox");
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
