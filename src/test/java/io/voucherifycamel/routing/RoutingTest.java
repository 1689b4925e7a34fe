package io.voucherifycamel.routing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.MailProfile;
import io.voucherifycamel.support.OpenApiExamples;
import io.voucherifycamel.support.Webhooks;

/**
 * The shipped rules (routes/dispatch.camel.yaml) against a real broker, SMTP server (GreenMail) and
 * database: for each rule, what its targets got, and that the other targets got nothing.
 */
@QuarkusTest
@TestProfile(MailProfile.class)
class RoutingTest {

    static final Duration ARRIVAL = Duration.ofSeconds(15);
    static final Duration ABSENCE = Duration.ofSeconds(2);
    static final String AUTOMATIC_TOPIC = "voucherify.gift.automatic";

    @Inject
    Database database;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void manualRefundIsMailedToFinanceAndWrittenToTheLedger() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        String tx = Webhooks.transactionId(event);
        try (TopicWatch topic = new TopicWatch(jms, tx)) {
            Webhooks.post(event).then().statusCode(202);

            MimeMessage mail = awaitOneMail(tx);
            assertEquals("Voucherify gift card refund: 4.00 on card **********ou-0", mail.getSubject());
            assertEquals("finance@example.com", mail.getAllRecipients()[0].toString());
            String content = MailText.of(mail);
            for (String expected : List.of("Jack Webhook", "**********ou-0", "4.00", "159.00", "CREDITS_ADDITION", "Refund",
                    "voucherify-web-ui", "2024-03-13T16:54:14.688Z", "<table")) {
                assertTrue(content.contains(expected), expected + " in\n" + content);
            }
            assertTrue(!content.contains("Gift-for-you-0"), "the card code is masked");

            Map<String, Object> row = awaitLedgerRow(tx);
            assertEquals(400L, ((Number) row.get("amount")).longValue());
            assertEquals(15900L, ((Number) row.get("balance")).longValue());
            assertEquals("Refund", row.get("reason"));
            assertEquals("MANUAL", row.get("operation_type"));
            assertEquals("Gift-for-you-0", row.get("voucher_code"));
            assertEquals("cust_IdgAFZxYwwHctOk9pPuMu308", row.get("customer_id"));
            assertEquals(Webhooks.write(event), row.get("payload"));

            assertNull(topic.next(ABSENCE), "rule 1 publishes nothing on the automatic topic");
            assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofMillis(200)));
        }
    }

    @Test
    void refundReasonMatchesInAnyCaseAndWithinText() throws Exception {
        ObjectNode event = Webhooks.gift("partial REFUND, order 42", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        awaitOneMail(Webhooks.transactionId(event));
    }

    @Test
    void refundWithoutManualOperationIsNotMailed() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", null);
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        assertEquals("absent", awaitLedgerRow(tx).get("operation_type"));
        assertNoMail(tx);
    }

    @Test
    void manualCreditForAnotherReasonGoesToTheLedgerOnly() throws Exception {
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL");
        String tx = Webhooks.transactionId(event);
        try (TopicWatch topic = new TopicWatch(jms, tx)) {
            Webhooks.post(event).then().statusCode(202);
            awaitLedgerRow(tx);
            assertNoMail(tx);
            assertNull(topic.next(Duration.ofMillis(200)));
            assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofMillis(200)));
        }
    }

    @Test
    void automaticOperationIsPublishedOnTheTopicAndWrittenToTheLedger() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", "AUTOMATIC");
        String tx = Webhooks.transactionId(event);
        try (TopicWatch topic = new TopicWatch(jms, tx)) {
            Webhooks.post(event).then().statusCode(202);

            TextMessage published = (TextMessage) topic.next(ARRIVAL);
            assertNotNull(published, "rule 2 publishes on " + AUTOMATIC_TOPIC);
            assertEquals(Webhooks.write(event), published.getText());
            assertEquals(Webhooks.eventId(event), published.getStringProperty("VoucherifyEventId"));
            assertEquals("customer.voucher.gift.balance_added", published.getStringProperty("VoucherifyEventType"));
            assertEquals("v_oNia4nTFDqYZOWYJiMpX8ocB6p6ZaEBm", published.getStringProperty("VoucherifyVoucherId"));
            assertEquals("Gift-for-you-0", published.getStringProperty("VoucherifyVoucherCode"));
            assertEquals(tx, published.getStringProperty("VoucherifyTransactionId"));
            assertEquals("CREDITS_ADDITION", published.getStringProperty("VoucherifyTransactionType"));
            assertEquals(400L, published.getLongProperty("VoucherifyAmount"));
            assertEquals("AUTOMATIC", published.getStringProperty("VoucherifyOperationType"));
            assertEquals("Refund", published.getStringProperty("VoucherifyReason"));
            assertEquals("v_oNia4nTFDqYZOWYJiMpX8ocB6p6ZaEBm", published.getStringProperty("JMSXGroupID"));
            assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, published.getJMSDeliveryMode());

            awaitLedgerRow(tx);
            assertNoMail(tx);
            assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofMillis(200)));
        }
    }

    @Test
    void loyaltyPointsGoToTheLedgerOnly() throws Exception {
        OpenApiExamples.Example example = OpenApiExamples.all().stream()
                .filter(e -> e.eventType().equals("customer.voucher.loyalty_card.points_added")).findFirst().orElseThrow();
        ObjectNode data = (ObjectNode) example.data().deepCopy();
        ((ObjectNode) data.path("transaction")).put("id", "vtx_" + Webhooks.unique());
        ObjectNode event = Webhooks.envelope(example.eventType(), data);
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);

        Map<String, Object> row = awaitLedgerRow(tx);
        assertEquals("customer.voucher.loyalty_card.points_added", row.get("event_type"));
        assertNoMail(tx);
        assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofMillis(200)));
    }

    @Test
    void otherEventTypesGoToTheEventsQueueOnly() throws Exception {
        ObjectNode event = Webhooks.otherEvent();
        Webhooks.post(event).then().statusCode(202);
        assertNotNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), ARRIVAL));
        assertEquals(0, count("SELECT COUNT(*) FROM balance_ledger WHERE event_id = ?", Webhooks.eventId(event)));
    }

    @Test
    void sameEventThreeTimesAtOnceHasOneEffectPerTarget() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        String body = Webhooks.write(event);
        String tx = Webhooks.transactionId(event);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> copies = Collections.nCopies(3, () -> Webhooks.post(body, Webhooks.SECRET).statusCode());
            double ledgerBefore = deliveries("ledger");
            List<Integer> answers = new java.util.ArrayList<>();
            for (var answer : pool.invokeAll(copies)) {
                answers.add(answer.get());
            }
            Collections.sort(answers);
            assertEquals(List.of(200, 200, 202), answers, "accepted once, the others duplicates");
            awaitOneMail(tx);
            awaitLedgerRow(tx);
            // the ledger's primary key keeps one row whatever arrives twice: a second delivery shows in its count
            Awaitility.await().during(ABSENCE).atMost(ABSENCE.plusSeconds(5))
                    .until(() -> GreenMailResource.mailsFor(tx).size() == 1 && deliveries("ledger") - ledgerBefore == 1);
        } finally {
            pool.shutdown();
        }
    }

    /** What a target delivered (voucherify_deliveries_total{target}). */
    double deliveries(String target) {
        var counter = metrics.find("voucherify.deliveries").tag("target", target).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void sameTransactionFromProjectAndDistributionWebhooksHasOneEffectPerTarget() throws Exception {
        ObjectNode distribution = Webhooks.gift("Refund", "MANUAL");
        String tx = Webhooks.transactionId(distribution);
        // the project webhook reports the same transaction as voucher.gift.balance_added, with its own event id
        ObjectNode project = Webhooks.envelope("voucher.gift.balance_added", distribution.path("data").deepCopy());
        double inboxFailures = inboxFailures();
        Webhooks.post(distribution).then().statusCode(202);
        Webhooks.post(project).then().statusCode(202);

        awaitOneMail(tx);
        // both events reach the ledger, whose primary key keeps the transaction's first row: no count of
        // rows could show a second one, so the effect checked is the one a double would have, the mail
        awaitLedgerRow(tx);
        Awaitility.await().during(ABSENCE).atMost(ABSENCE.plusSeconds(5)).until(() -> GreenMailResource.mailsFor(tx).size() == 1);
        // the second event was processed without the inbox rolling back (which would show as a redelivery)
        assertNoInboxRedelivery(inboxFailures);
    }

    @Test
    void automaticTransactionFromTwoWebhooksIsPublishedOnce() throws Exception {
        ObjectNode distribution = Webhooks.gift(null, "AUTOMATIC");
        String tx = Webhooks.transactionId(distribution);
        ObjectNode project = Webhooks.envelope("voucher.gift.balance_added", distribution.path("data").deepCopy());
        double inboxFailures = inboxFailures();
        try (TopicWatch topic = new TopicWatch(jms, tx)) {
            Webhooks.post(distribution).then().statusCode(202);
            Webhooks.post(project).then().statusCode(202);
            assertNotNull(topic.next(ARRIVAL));
            assertNull(topic.next(ABSENCE), "one message per transaction");
        }
        assertNoInboxRedelivery(inboxFailures);
    }

    /** Inbox messages the broker delivered again after a rollback, as Camel's route metrics count them. */
    double inboxFailures() {
        var redelivered = metrics.find("camel.exchanges.external.redeliveries").tag("routeId", "inbox").counter();
        assertNotNull(redelivered, "Camel's route metrics are on");
        return redelivered.count();
    }

    void assertNoInboxRedelivery(double before) {
        // the broker's first redelivery comes 1 s after a rollback
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).until(() -> inboxFailures() == before);
    }

    MimeMessage awaitOneMail(String transactionId) {
        Awaitility.await("a mail for " + transactionId).atMost(ARRIVAL).until(() -> !GreenMailResource.mailsFor(transactionId).isEmpty());
        List<MimeMessage> mails = GreenMailResource.mailsFor(transactionId);
        assertEquals(1, mails.size());
        return mails.get(0);
    }

    void assertNoMail(String transactionId) {
        Awaitility.await().during(ABSENCE).atMost(ABSENCE.plusSeconds(5)).until(() -> GreenMailResource.mailsFor(transactionId).isEmpty());
    }

    Map<String, Object> awaitLedgerRow(String transactionId) throws Exception {
        Awaitility.await("a ledger row for " + transactionId).atMost(ARRIVAL)
                .until(() -> count("SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", transactionId) == 1);
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT * FROM balance_ledger WHERE transaction_id = ?")) {
            select.setString(1, transactionId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.put(row.getMetaData().getColumnLabel(i).toLowerCase(), row.getObject(i));
                }
                return values;
            }
        }
    }

    int count(String sql, String parameter) throws Exception {
        return io.voucherifycamel.support.Tables.count(database, sql, parameter);
    }

    /** A subscriber to the automatic topic, started before the event is posted, for one transaction. */
    static final class TopicWatch implements AutoCloseable {

        private final JMSContext context;
        private final JMSConsumer consumer;

        TopicWatch(ConnectionFactory factory, String transactionId) {
            context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            consumer = context.createConsumer(context.createTopic(AUTOMATIC_TOPIC), "VoucherifyTransactionId = '" + transactionId + "'");
        }

        Message next(Duration wait) {
            return consumer.receive(wait.toMillis());
        }

        @Override
        public void close() {
            consumer.close();
            context.close();
        }
    }
}
