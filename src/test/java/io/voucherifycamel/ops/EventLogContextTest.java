package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.LogCapture;
import io.voucherifycamel.support.Webhooks;

/** The log lines written while an event is processed name it (MDC): in the dispatch and in each target. */
@QuarkusTest
class EventLogContextTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void linesAboutAnEventNameIt() {
        ObjectNode event = Webhooks.gift("refund", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        String eventId = Webhooks.eventId(event);

        ExtLogRecord dispatch = await(record -> record.getLoggerName().equals("io.voucherifycamel.dispatch")
                && record.getFormattedMessage().contains(eventId));
        assertEquals(eventId, dispatch.getMdc("VoucherifyEventId"));
        assertEquals("customer.voucher.gift.balance_added", dispatch.getMdc("VoucherifyEventType"));
        assertEquals(Webhooks.transactionId(event), dispatch.getMdc("VoucherifyTransactionId"));
        assertNull(dispatch.getMdc("VoucherifyTarget"), "no target chosen yet");

        ExtLogRecord mail = await(record -> record.getLoggerName().startsWith("io.voucherifycamel.delivery.MailTarget")
                && eventId.equals(record.getMdc("VoucherifyEventId")));
        assertEquals("finance-email", mail.getMdc("VoucherifyTarget"));
        assertEquals(Webhooks.transactionId(event), mail.getMdc("VoucherifyTransactionId"));
    }

    private ExtLogRecord await(java.util.function.Predicate<ExtLogRecord> which) {
        return logs.await(which, Duration.ofSeconds(20));
    }
}
