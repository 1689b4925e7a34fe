package io.voucherifycamel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.headers.VoucherifyHeaders;

/** The routing headers from the model: the facts of a balance event, of any other event, and text cut to 1000 characters. */
class EventHeadersTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final EventReader reader = new EventReader(EventJson.mapper());

    @Test
    void aBalanceEventsFactsAndItsIdentity() {
        Message message = describe(Envelopes.seed(), true);
        assertEquals("evcus_0e6feafe6952a94a55", message.getHeader(VoucherifyHeaders.EVENT_ID));
        assertEquals("customer.voucher.gift.balance_added", message.getHeader(VoucherifyHeaders.EVENT_TYPE));
        assertEquals(EventHeaders.GIFT, message.getHeader(VoucherifyHeaders.FAMILY));
        assertEquals(400L, message.getHeader(VoucherifyHeaders.AMOUNT));
        assertEquals(15900L, message.getHeader(VoucherifyHeaders.BALANCE));
    }

    @Test
    void describeAloneLeavesTheIdentityToTheCaller() {
        Message message = describe(Envelopes.seed(), false);
        assertNull(message.getHeader(VoucherifyHeaders.EVENT_ID));
        assertNull(message.getHeader(VoucherifyHeaders.EVENT_TYPE));
        assertEquals("vtx_0e6feafe6952a94a54", message.getHeader(VoucherifyHeaders.TRANSACTION_ID));
    }

    @Test
    void anotherEventIsFamilyOtherWithoutBalanceFacts() {
        ObjectNode other = Envelopes.envelope("customer.created", Envelopes.JSON.createObjectNode().put("id", "cust_1"));
        Message message = describe(other, true);
        assertEquals(EventHeaders.OTHER, message.getHeader(VoucherifyHeaders.FAMILY));
        assertEquals(BalanceEventData.OPERATION_TYPE_ABSENT, message.getHeader(VoucherifyHeaders.OPERATION_TYPE));
        assertEquals("", message.getHeader(VoucherifyHeaders.REASON));
        assertEquals("customer.created", message.getHeader(VoucherifyHeaders.EVENT_TYPE));
        assertFalse(message.hasHeaders() && message.getHeaders().containsKey(VoucherifyHeaders.AMOUNT));
        assertNull(message.getHeader(VoucherifyHeaders.BALANCE));
    }

    @Test
    void freeTextIsCutToItsFirstThousandCharacters() {
        ObjectNode seed = Envelopes.seed();
        ((ObjectNode) seed.path("data").path("transaction")).put("reason", "r".repeat(EventHeaders.MAX_TEXT) + "-cut");
        ((ObjectNode) seed.path("data").path("voucher")).put("code", "c".repeat(EventHeaders.MAX_TEXT + 1));
        Message message = describe(seed, true);
        assertEquals("r".repeat(EventHeaders.MAX_TEXT), message.getHeader(VoucherifyHeaders.REASON));
        assertEquals("c".repeat(EventHeaders.MAX_TEXT), message.getHeader(VoucherifyHeaders.VOUCHER_CODE));
    }

    private Message describe(ObjectNode body, boolean identify) {
        ReadResult read = reader.read(Envelopes.write(body).getBytes(StandardCharsets.UTF_8));
        WebhookEvent event = ((ReadResult.Readable) read).event();
        Message message = new DefaultMessage(camel);
        if (identify) {
            EventHeaders.identifyAndDescribe(message, event);
        } else {
            EventHeaders.describe(message, event);
        }
        return message;
    }
}
