package io.voucherifycamel.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.event.EventTypes;
import io.voucherifycamel.event.GenericEventData;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.OpenApiExamples;
import io.voucherifycamel.support.Webhooks;

/**
 * Each of the 72 documented events, in its envelope and signed, is accepted and delivered unchanged:
 * balance events to the ledger, every other type to voucherify.events (the shipped rules).
 */
@QuarkusTest
class OpenApiExamplesTest {

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Inject
    Database database;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.voucherifycamel.support.OpenApiExamples#all")
    void documentedEventIsAcceptedAndHandedOnUnchanged(OpenApiExamples.Example example) throws Exception {
        ObjectNode data = (ObjectNode) example.data().deepCopy();
        if (data.path("transaction").isObject()) {
            // the examples' fixed transaction ids would be duplicates from the second run on
            ((ObjectNode) data.path("transaction")).put("id", "vtx_" + Webhooks.unique());
        }
        ObjectNode envelope = Webhooks.envelope(example.eventType(), data);
        String body = Webhooks.write(envelope);

        Webhooks.post(body, Webhooks.SECRET).then()
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .body("event_type", equalTo(example.eventType()));

        if (EventTypes.dataClass(example.eventType()) != GenericEventData.class) {
            // a gift or loyalty balance event: the rules write it to the ledger, payload unchanged
            String transactionId = Webhooks.transactionId(envelope);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ledgerPayload(transactionId) != null);
            assertEquals(body, ledgerPayload(transactionId));
        } else {
            TextMessage delivered = Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(envelope), Duration.ofSeconds(15));
            assertNotNull(delivered);
            assertEquals(body, delivered.getText());
            assertEquals(example.eventType(), delivered.getStringProperty("VoucherifyEventType"));
        }
    }

    private String ledgerPayload(String transactionId) throws Exception {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT payload FROM balance_ledger WHERE transaction_id = ?")) {
            select.setString(1, transactionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
