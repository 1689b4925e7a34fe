package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.Webhooks;

/** The log lines written while an event is processed name it (MDC): in the dispatch and in each target. */
@QuarkusTest
class EventLogContextTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.voucherifycamel").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.voucherifycamel").removeHandler(capture);
    }

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
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> records.stream().filter(which).findFirst().orElse(null), found -> found != null);
    }
}
