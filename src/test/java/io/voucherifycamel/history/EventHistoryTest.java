package io.voucherifycamel.history;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * Replays through the admin API, on embedded defaults, checked where their effects land (the mail
 * outbox, the ledger, the events queue): a replay of one event to one target, with and without
 * redelivery; a filtered replay job with its progress. The lookup itself: {@link AdminApiTest}.
 */
@QuarkusTest
class EventHistoryTest {

    private static final Duration FEW_SECONDS = AdminApiTest.FEW_SECONDS;

    @Inject
    Database database;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @ConfigProperty(name = "voucherify.data-dir")
    Path dataDir;

    @Test
    void replayOfOneEventToOneTargetRedeliversOnlyWhenAsked() throws Exception {
        ObjectNode refund = Webhooks.gift("Refund", "MANUAL");
        Webhooks.post(refund).then().statusCode(202);
        String transactionId = Webhooks.transactionId(refund);
        String id = AdminApiTest.awaitDelivered("transaction_id", transactionId, "finance-email", "ledger").getString("[0].id");
        assertEquals(1, mails(transactionId));

        // without redeliver, the mail target's de-duplication holds: no second mail
        String quiet = Admin.admin().queryParam("target", "finance-email").post("/admin/events/" + id + "/replay")
                .then().statusCode(200).extract().path("replay_id");
        awaitReplayed(transactionId, "finance-email", quiet);
        assertEquals(1, mails(transactionId));

        // with redeliver, the finance mail goes again; the ledger is not touched (one target only)
        String again = Admin.admin().queryParam("target", "finance-email").queryParam("redeliver", "true")
                .post("/admin/events/" + id + "/replay").then().statusCode(200).extract().path("replay_id");
        awaitReplayed(transactionId, "finance-email", again);
        Awaitility.await().atMost(FEW_SECONDS).until(() -> mails(transactionId) == 2);
        JsonPath outcome = AdminApiTest.lookup("transaction_id", transactionId);
        assertNull(outcome.getString("[0].targets.find { it.target == 'ledger' }.replay_id"));
        assertEquals(1, Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", transactionId));
    }

    @Test
    void replayJobSendsTheSelectedEventsThroughTheCurrentRulesAndReportsProgress() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode other = Webhooks.otherEvent();
            Webhooks.post(other).then().statusCode(202);
            eventIds.add(Webhooks.eventId(other));
        }
        Webhooks.post(Webhooks.gift("top-up", "MANUAL")).then().statusCode(202); // another type: not selected
        for (String eventId : eventIds) {
            AdminApiTest.awaitDelivered("event_id", eventId, "events-queue");
            assertNotNull(Broker.receive(jms, Broker.EVENTS, eventId, FEW_SECONDS)); // the first delivery
        }
        Instant to = Instant.now().plusMillis(1);
        String eventType = Webhooks.otherEvent().get("type").asText();

        String job = Admin.admin().contentType("application/json")
                .body(Map.of("from", from.toString(), "to", to.toString(), "event_type", eventType, "target", "events-queue",
                        "redeliver", true))
                .post("/admin/replays").then().statusCode(202).body("total", equalTo(3)).extract().path("id");
        Awaitility.await().atMost(FEW_SECONDS).untilAsserted(() -> Admin.admin().get("/admin/replays/" + job)
                .then().statusCode(200).body("status", equalTo("DONE")).body("sent", equalTo(3)));
        Admin.admin().get("/admin/replays").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(job));

        List<String> replayed = new ArrayList<>();
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue(Broker.EVENTS), "VoucherifyReplayId = '" + job + "'")) {
            for (Message message = consumer.receive(FEW_SECONDS.toMillis()); message != null; message = consumer.receive(2000)) {
                replayed.add(message.getStringProperty("VoucherifyEventId"));
            }
        }
        assertEquals(eventIds.stream().sorted().toList(), replayed.stream().sorted().toList());
    }

    private static void awaitReplayed(String transactionId, String target, String replayId) {
        Awaitility.await().atMost(FEW_SECONDS).until(() -> AdminApiTest.lookup("transaction_id", transactionId),
                found -> replayId.equals(found.getString("[0].targets.find { it.target == '" + target + "' }.replay_id"))
                        && "DELIVERED".equals(found.getString("[0].targets.find { it.target == '" + target + "' }.status")));
    }


    private long mails(String transactionId) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("finance-email_transaction_" + transactionId)).count();
        }
    }
}
