package io.voucherifycamel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.PostgresMailProfile;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * One event the ledger can never store (PostgreSQL refuses the NUL character in its reason),
 * followed by 100 good ones on the same card: the poison is parked at its first attempt with its
 * reason, and everything behind it arrives at once: rows, mails and topic messages.
 */
@QuarkusTest
@TestProfile(PostgresMailProfile.class)
class PoisonEventTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(15);
    private static final String TOPIC = "voucherify.gift.automatic";

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Inject
    BrokerConfig brokerConfig;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void poisonEventIsParkedAtOnceAndTheEventsBehindItArrive() throws Exception {
        double parkedBefore = parked("ledger");
        ObjectNode poison = Webhooks.gift("REPLACE-ME", "MANUAL");
        String poisonTx = Webhooks.transactionId(poison);
        String poisonBody = Webhooks.write(poison).replace("REPLACE-ME", "Refund\\u0000 by hand");

        List<String> refunds = new ArrayList<>();
        List<String> automatic = new ArrayList<>();
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer topic = context.createConsumer(context.createTopic(TOPIC))) {
            Webhooks.post(poisonBody, Webhooks.SECRET).then().statusCode(202);
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                ObjectNode good = i % 2 == 0 ? Webhooks.gift("Refund", "MANUAL") : Webhooks.gift("top-up", "AUTOMATIC");
                Webhooks.post(good).then().statusCode(202);
                (i % 2 == 0 ? refunds : automatic).add(Webhooks.transactionId(good));
            }

            long posted = System.nanoTime();
            Awaitility.await("100 ledger rows").atMost(FEW_SECONDS).until(() -> ledgerRows(refunds) + ledgerRows(automatic) == 100);
            Awaitility.await("50 mails").atMost(FEW_SECONDS)
                    .until(() -> refunds.stream().allMatch(tx -> GreenMailResource.mailsFor(tx).size() == 1));
            Set<String> published = new HashSet<>();
            while (published.size() < 50) {
                Message message = topic.receive(FEW_SECONDS.toMillis());
                if (message == null) {
                    break;
                }
                published.add(message.getStringProperty("VoucherifyTransactionId"));
            }
            assertEquals(new HashSet<>(automatic), published, "50 topic messages");
            System.out.printf("PoisonEventTest: 100 events behind the poison posted in %d ms, all delivered %d ms later%n",
                    Duration.ofNanos(posted - start).toMillis(), Duration.ofNanos(System.nanoTime() - posted).toMillis());
        }

        // the poison: parked at its first attempt, with the database's reason, listed and counted
        Map<String, Object> parked = Awaitility.await().atMost(FEW_SECONDS).until(() -> DeadLetterList.of(poisonTx, null),
                entry -> entry != null);
        assertEquals("ledger", parked.get("target"));
        assertEquals("permanent", parked.get("kind"));
        assertEquals(1, parked.get("attempts"));
        assertTrue(((String) parked.get("reason")).contains("0x00"), parked.toString());
        assertEquals(parkedBefore + 1, parked("ledger"));
        assertEquals(0, ledgerRows(List.of(poisonTx)));
        // parked as the target received it: the body posted, byte for byte, not the event the target parsed from it
        assertEquals(List.of(poisonBody), Broker.bodies(jms, brokerConfig.deadLetterQueue(), Webhooks.eventId(poison)));
        assertEquals(1, GreenMailResource.mailsFor(poisonTx).size(), "its other target, the mail, was delivered");
        // the event history (on PostgreSQL here) tells the same story: mail delivered, ledger dead with its reason
        Awaitility.await("history").atMost(FEW_SECONDS).untilAsserted(() -> Admin.admin()
                .queryParam("transaction_id", poisonTx).get("/admin/events").then().statusCode(200)
                .body("[0].targets.find { it.target == 'ledger' }.status", org.hamcrest.Matchers.equalTo("DEAD"))
                .body("[0].targets.find { it.target == 'ledger' }.last_error", org.hamcrest.Matchers.containsString("permanent"))
                .body("[0].targets.find { it.target == 'ledger' }.last_error", org.hamcrest.Matchers.containsString("0x00"))
                .body("[0].targets.find { it.target == 'finance-email' }.status", org.hamcrest.Matchers.equalTo("DELIVERED")));

        // replayed, it is refused again, visibly: back among the dead letters after one more attempt
        Admin.admin().post("/admin/dead-letters/{id}/replay", parked.get("id")).then().statusCode(200);
        Awaitility.await("refused again").atMost(FEW_SECONDS).until(() -> parked("ledger") == parkedBefore + 2);
        Map<String, Object> again = DeadLetterList.of(poisonTx, null);
        assertNotNull(again);
        assertEquals(1, again.get("attempts"), "a replay starts a fresh count");
        assertEquals(0, ledgerRows(List.of(poisonTx)));
        assertEquals(1, GreenMailResource.mailsFor(poisonTx).size(), "the mail was not sent again");
    }

    @Test
    void balanceEventWithoutATransactionIdIsQuarantinedAtTheWebhook() {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        ((ObjectNode) event.path("data").path("transaction")).remove("id");
        String id = Webhooks.post(event).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("quarantined"))
                .body("reason", org.hamcrest.Matchers.equalTo("unreadable-payload"))
                .extract().path("quarantine_id");
        Admin.admin().get("/admin/quarantine").then().body("id", org.hamcrest.Matchers.hasItem(id));
        assertNull(DeadLetterList.of(null, Webhooks.eventId(event)), "nothing reached a target");
    }

    private double parked(String target) {
        Counter counter = metrics.find("voucherify.deliveries.dead.lettered").tags("target", target, "kind", "permanent").counter();
        return counter == null ? 0 : counter.count();
    }

    private int ledgerRows(List<String> transactionIds) throws Exception {
        int rows = 0;
        for (String tx : transactionIds) {
            rows += Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", tx);
        }
        return rows;
    }
}
