package io.voucherifycamel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.TypeConversionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.retry.PermanentFailure;

/**
 * The type converter on plain Camel: a {@link DefaultCamelContext} finds it through
 * META-INF/services/org/apache/camel/TypeConverterLoader, with nothing registered by hand.
 */
class EventConverterTest {

    private static CamelContext camel;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void convertsTheSeedEventFromStringIntoTheModel() {
        String seed = Envelopes.write(Envelopes.seed());
        WebhookEvent event = camel.getTypeConverter().convertTo(WebhookEvent.class, seed);
        assertEquals("customer.voucher.gift.balance_added", event.getEventType());
        GiftBalanceAddedData data = assertInstanceOf(GiftBalanceAddedData.class, event.getData());
        assertEquals("vtx_0e6feafe6952a94a54", data.getTransaction().getId());
        assertEquals(400L, data.getBalance().getAmount());
        assertEquals(seed, event.getJson(), "the original JSON travels with the event");
    }

    @Test
    void convertsFromBytesAsWell() {
        byte[] seed = Envelopes.write(Envelopes.seed()).getBytes(StandardCharsets.UTF_8);
        WebhookEvent event = camel.getTypeConverter().convertTo(WebhookEvent.class, seed);
        assertEquals("vtx_0e6feafe6952a94a54", ((BalanceEventData) event.getData()).transactionId().orElseThrow());
    }

    @Test
    void anUnreadableBodyIsAPermanentFailure() {
        TypeConversionException failure = assertThrows(TypeConversionException.class,
                () -> camel.getTypeConverter().convertTo(WebhookEvent.class, "[]"));
        PermanentFailure cause = assertInstanceOf(PermanentFailure.class, failure.getCause());
        assertEquals("accepted event no longer readable: body is a JSON array, not the v2024-01-01 envelope object", cause.getMessage());
    }
}
