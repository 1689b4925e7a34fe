package io.voucherifycamel.history;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * A history record the database refuses is counted ({@code voucherify_history_failed_total}) and
 * fails alone: the event's ledger row, committed by the same writer, is written all the same.
 * The refusal is provoked by an inbox message whose history id is longer than the column, as a
 * message put on the inbox by hand could carry.
 */
@QuarkusTest
class HistoryRefusedRecordTest {

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Inject
    BrokerConfig broker;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void aRefusedRecordIsCountedAndTheDeliveryIsWritten() {
        double failed = failed();
        ObjectNode event = Webhooks.gift("top-up", "MANUAL");
        String tx = Webhooks.transactionId(event);
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage(Webhooks.write(event));
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setProperty(VoucherifyHeaders.EVENT_ID, Webhooks.eventId(event))
                    .setProperty(VoucherifyHeaders.HISTORY_ID, "h".repeat(40)) // the column holds 36
                    .send(context.createQueue(broker.inboxQueue()), message);
        }

        Awaitility.await("the ledger row").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", tx) == 1);
        // the dispatch record and the ledger's outcome
        Awaitility.await("both records refused and counted").atMost(Duration.ofSeconds(10)).until(() -> failed() >= failed + 2);
    }

    private double failed() {
        return metrics.get("voucherify.history.failed").counter().count();
    }
}
