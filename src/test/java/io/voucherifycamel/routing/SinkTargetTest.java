package io.voucherifycamel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.PostgresResource;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * A database target and a mail target added by YAML alone: a route file of two sink-target entries
 * over the component's Kamelet sinks and a rule naming them, on a real PostgreSQL and a real SMTP
 * server. The same transaction reported twice is one row and one mail; a sink that fails for good
 * parks the event in the dead letters.
 */
@QuarkusTest
@TestProfile(SinkTargetTest.Profile.class)
class SinkTargetTest {

    static final String RULE = """
                          - simple: "${header.VoucherifyReason} == 'sink-test'"
                            steps:
                              - setHeader:
                                  name: VoucherifyRule
                                  constant: sink-test
                              - setHeader:
                                  name: VoucherifyTargets
                                  constant: gift-ledger,gift-mail
                          - simple: "${header.VoucherifyReason} == 'sink-broken'"
                            steps:
                              - setHeader:
                                  name: VoucherifyRule
                                  constant: sink-broken
                              - setHeader:
                                  name: VoucherifyTargets
                                  constant: broken-ledger
            """;

    /** What a user adds to routes/: the Kamelet sinks as targets, by YAML alone (docs/routing-and-targets.md). */
    static final String SINKS = """
            - templatedRoute:
                routeTemplateRef: sink-target
                parameters:
                  - name: name
                    value: gift-ledger
                  - name: sink
                    value: "kamelet:voucherify-ledger-sink?table=gift_ledger&dataSource=voucherifyDataSource"
            - templatedRoute:
                routeTemplateRef: sink-target
                parameters:
                  - name: name
                    value: gift-mail
                  - name: sink
                    value: "kamelet:voucherify-mail-sink?host={{voucherify.email.smtp.host}}&port={{voucherify.email.smtp.port}}&from=voucherify@example.com&to=cards@example.com"
            # a table nobody created: every insert fails the same way (SQLSTATE 42P01)
            - templatedRoute:
                routeTemplateRef: sink-target
                parameters:
                  - name: name
                    value: broken-ledger
                  - name: sink
                    value: "kamelet:voucherify-ledger-sink?table=no_such_ledger&dataSource=voucherifyDataSource"
            """;

    /** The DDL of docs/routing-and-targets.md, as a user's DBA runs it. */
    static final String DDL = documentedDdl();

    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", TestRoutes.copy(RULE, Map.of("sinks.camel.yaml", SINKS)).toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(GreenMailResource.class));
        }
    }

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @Inject
    Database database;

    @Test
    void aTransactionReportedTwiceIsOneRowAndOneMail() throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(DDL.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        }
        ObjectNode first = Webhooks.gift("sink-test", "MANUAL");
        String transaction = Webhooks.transactionId(first);
        Webhooks.post(first).then().statusCode(202);

        Awaitility.await("row and mail").atMost(ARRIVAL).until(() -> rows(transaction) == 1 && mails(transaction).size() == 1);
        MimeMessage mail = mails(transaction).get(0);
        assertEquals("gift-mail:transaction:" + transaction, mail.getHeader("X-Voucherify-Delivery")[0]);
        assertTrue(mail.getSubject().contains("Gift-for-you-0"), mail.getSubject());
        assertTrue(String.valueOf(mail.getContent()).contains("Transaction: " + transaction), String.valueOf(mail.getContent()));

        // Voucherify reports the same transaction again, as a new event: recognised at the door (200, not 202)
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.path("event")).put("id", "evcus_" + Webhooks.unique());
        Webhooks.post(second).then().statusCode(200);

        // a replay (without redeliver) reaches both targets again under the same delivery keys: the
        // ledger's ON CONFLICT and the sink-target's idempotent consumer each keep it from repeating
        String historyId = events(Webhooks.eventId(first)).getString("[0].id");
        String replayId = Admin.admin().post("/admin/events/" + historyId + "/replay").then().statusCode(200).extract().path("replay_id");
        Awaitility.await("replay delivered").atMost(ARRIVAL).until(() -> events(Webhooks.eventId(first)), found ->
                replayed(found, "gift-ledger", replayId) && replayed(found, "gift-mail", replayId));
        assertEquals(1, rows(transaction));
        assertEquals(1, mails(transaction).size(), "the mail is not sent twice");
        assertEquals(1, deliveriesRecorded("gift-mail:transaction:" + transaction));
    }

    private static JsonPath events(String eventId) {
        return Admin.admin().queryParam("event_id", eventId).get("/admin/events").then().statusCode(200).extract().jsonPath();
    }

    private static boolean replayed(JsonPath found, String target, String replayId) {
        String entry = "[0].targets.find { it.target == '" + target + "' }.";
        return replayId.equals(found.getString(entry + "replay_id")) && "DELIVERED".equals(found.getString(entry + "status"));
    }

    @Test
    void aSinkThatFailsForGoodParksTheEvent() {
        ObjectNode event = Webhooks.gift("sink-broken", "MANUAL");
        String transaction = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        Map<String, Object> parked = Awaitility.await("parked").atMost(ARRIVAL)
                .until(() -> DeadLetterList.of(transaction, null), entry -> entry != null);
        assertEquals("permanent", parked.get("kind"), parked::toString);
        assertEquals("broken-ledger", parked.get("target"), parked::toString);
        assertTrue(String.valueOf(parked.get("reason")).toLowerCase(java.util.Locale.ROOT).contains("no_such_ledger"), parked::toString);
    }

    private static List<MimeMessage> mails(String transaction) {
        return GreenMailResource.mailsFor(transaction);
    }

    private int rows(String transaction) throws SQLException {
        return count("SELECT COUNT(*) FROM gift_ledger WHERE transaction_id = ?", transaction);
    }

    private int deliveriesRecorded(String deliveryKey) throws SQLException {
        return count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", deliveryKey);
    }

    private int count(String sql, String parameter) throws SQLException {
        try (Connection connection = database.connection(); PreparedStatement count = connection.prepareStatement(sql)) {
            count.setString(1, parameter);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** The first {@code sql} block of docs/routing-and-targets.md, without its semicolon: the docs' DDL is the one tested. */
    static String documentedDdl() {
        try {
            String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "routing-and-targets.md"));
            int start = page.indexOf("```sql\n") + "```sql\n".length();
            return page.substring(start, page.indexOf("```", start)).strip().replaceAll(";$", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
