package io.voucherifycamel.webhook;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * Authentic events with odd values (docs/PROTOCOL.md §6): a NUL character, an unpaired surrogate, a
 * 100 kB string, deep nesting, a number beyond a long. None may be answered 5xx (Voucherify would
 * retry it twelve times and then switch the webhook off); each is kept and visible: accepted and
 * then in the ledger or among the dead letters, or quarantined byte for byte. On H2 here; on
 * PostgreSQL, which refuses NUL in text, in {@link OddValuesPostgresTest}.
 */
@QuarkusTest
class OddValuesTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final String NUL = "\\u0000";
    private static final String LONE_SURROGATE = "\\ud800";
    private static final String HUNDRED_KB = "x".repeat(100_000);
    private static final String BEYOND_LONG = "123456789012345678901234567890";

    @Inject
    Database database;

    static Stream<Arguments> oddEvents() {
        return Stream.of(
                // odd values in free text: accepted, and the targets deal with them
                accepted("NUL in the customer's name", event -> text(event, "customer", "name", "Jack" + NUL + "Webhook")),
                // the card is kept in the event history for lookups, but it is no de-duplication key
                accepted("NUL in the card's code", event -> text(event, "voucher", "code", "Gift" + NUL + "Card")),
                accepted("NUL in the transaction's reason", event -> text(event, "transaction", "reason", "Re" + NUL + "fund")),
                accepted("unpaired surrogate in the reason", event -> text(event, "transaction", "reason", "Re" + LONE_SURROGATE + "fund")),
                accepted("100 kB reason", event -> text(event, "transaction", "reason", HUNDRED_KB)),
                accepted("number beyond a long in metadata", event -> raw(event, "customer", "metadata", "{\"big\":" + BEYOND_LONG + "}")),
                accepted("nesting 500 deep in metadata", event -> raw(event, "customer", "metadata", nested(500))),
                // odd values where the receipt keeps them, or where the model needs a number: quarantined
                quarantined("NUL in the event id", "unstorable-value", event -> text(event, "event", "id", "evcus_1" + NUL)),
                quarantined("unpaired surrogate in the transaction id", "unstorable-value",
                        event -> text(event, "transaction", "id", "vtx_" + LONE_SURROGATE)),
                quarantined("100 kB event id", "unstorable-value", event -> text(event, "event", "id", HUNDRED_KB)),
                quarantined("amount beyond a long", "unreadable-payload", event -> raw(event, "balance", "amount", BEYOND_LONG)),
                quarantined("nesting 5000 deep", "malformed-json", event -> raw(event, "customer", "metadata", nested(5000))),
                quarantined("no transaction id", "unreadable-payload",
                        event -> ((ObjectNode) event.path("data").path("transaction")).remove("id")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddEvents")
    void oddEventIsNeverA5xxAndIsKeptVisibly(String name, String expectedReason, Consumer<ObjectNode> oddity) throws Exception {
        ObjectNode event = Webhooks.seed();
        String transactionId = Webhooks.transactionId(event);
        oddity.accept(event);
        String body = Marks.fill(Webhooks.write(event));

        Response answer = Webhooks.post(body, Webhooks.SECRET);
        assertEquals(202, answer.statusCode(), name + ": " + answer.asString());
        if (expectedReason == null) {
            assertEquals("accepted", answer.path("status"), answer.asString());
            Awaitility.await(name + ": in the ledger or among the dead letters").atMost(ARRIVAL)
                    .until(() -> ledgerRows(transactionId) == 1 || deadLetterFor(transactionId, Webhooks.eventId(event)) != null);
        } else {
            assertEquals("quarantined", answer.path("status"), answer.asString());
            assertEquals(expectedReason, answer.path("reason"), answer.asString());
            String id = answer.path("quarantine_id");
            Map<String, Object> row = Tables.quarantined(database, id);
            assertNotNull(row, "kept");
            assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), (byte[]) row.get("body"), "kept byte for byte");
            Admin.admin().get("/admin/quarantine").then().statusCode(200).body("id", hasItem(id));
        }
    }

    private static Arguments accepted(String name, Consumer<ObjectNode> oddity) {
        return Arguments.of(name, null, oddity);
    }

    private static Arguments quarantined(String name, String reason, Consumer<ObjectNode> oddity) {
        return Arguments.of(name, reason, oddity);
    }

    /** Puts JSON text (escapes included, exactly as written) into data.&lt;part&gt;.&lt;field&gt; (or event.&lt;field&gt;). */
    private static void text(ObjectNode event, String part, String field, String jsonText) {
        raw(event, part, field, "\"" + jsonText + "\"");
    }

    private static void raw(ObjectNode event, String part, String field, String json) {
        ObjectNode parent = (ObjectNode) (part.equals("event") ? event.path("event") : event.path("data").path(part));
        parent.put(field, Marks.mark(json));
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private int ledgerRows(String transactionId) throws Exception {
        return Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", transactionId);
    }

    private static Map<String, Object> deadLetterFor(String transactionId, String eventId) {
        List<Map<String, Object>> entries = Admin.admin().get("/admin/dead-letters").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return entries.stream().filter(e -> transactionId.equals(e.get("transaction_id")) || eventId.equals(e.get("event_id")))
                .findFirst().orElse(null);
    }

    /** Raw JSON cannot go through Jackson unchanged: a placeholder string is written, then replaced. */
    private static final class Marks {

        private static final java.util.Map<String, String> RAW = new java.util.concurrent.ConcurrentHashMap<>();

        static String mark(String json) {
            String key = "@@raw-" + Webhooks.unique() + "@@";
            RAW.put(key, json);
            return key;
        }

        static String fill(String body) {
            for (Map.Entry<String, String> raw : RAW.entrySet()) {
                body = body.replace("\"" + raw.getKey() + "\"", raw.getValue());
            }
            return body;
        }
    }
}
