package io.voucherifycamel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.retry.PermanentFailure;

/** The event model read from every documented example, and each reason a body cannot be read; no Camel, no Quarkus. */
class EventReaderTest {

    private static final Map<String, Class<? extends EventData>> BALANCE_FAMILY = Map.of(
            "customer.voucher.gift.balance_added", GiftBalanceAddedData.class,
            "voucher.gift.balance_added", GiftBalanceAddedData.class,
            "voucher.gift.transaction.created", GiftTransactionCreatedData.class,
            "customer.voucher.loyalty_card.points_added", LoyaltyPointsAddedData.class,
            "voucher.loyalty_card.points_added", LoyaltyPointsAddedData.class,
            "customer.voucher.loyalty_card.points_expired", LoyaltyPointsExpiredData.class,
            "voucher.loyalty_card.points_expired", LoyaltyPointsExpiredData.class,
            "voucher.loyalty_card.transaction.created", LoyaltyTransactionCreatedData.class);

    private static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());

    private final EventReader reader = new EventReader(MAPPER);

    @Test
    void readsTheSeedEventIntoTheGiftModel() {
        WebhookEvent event = readable(Envelopes.write(Envelopes.seed()));
        assertEquals("customer.voucher.gift.balance_added", event.getEventType());
        GiftBalanceAddedData data = assertInstanceOf(GiftBalanceAddedData.class, event.getData());
        assertEquals("vtx_0e6feafe6952a94a54", data.getTransaction().getId());
        assertEquals("Refund", data.getTransaction().getReason());
        assertEquals("CREDITS_ADDITION", data.getTransaction().getType());
        assertEquals("MANUAL", data.getOperationType());
        assertEquals(400L, data.getBalance().getAmount());
        assertEquals(15900L, data.getBalance().getBalance());
        assertEquals("Gift-for-you-0", data.getVoucher().getCode());
        assertEquals("Jack Webhook", data.getCustomer().getName());
        assertNull(data.getCustomer().getEmail());
        assertEquals("distr_SeEdDiStRiBuTiOn01", event.getSource().getId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.voucherifycamel.event.OpenApiExamples#all")
    void everyDocumentedExampleLandsInItsTypeAndLosesNothing(OpenApiExamples.Example example) throws Exception {
        ObjectNode envelope = Envelopes.envelope(example.eventType(), example.data());
        String json = Envelopes.write(envelope);
        WebhookEvent event = readable(json);

        assertEquals(example.eventType(), event.getEventType());
        assertEquals(BALANCE_FAMILY.getOrDefault(example.eventType(), GenericEventData.class), event.getData().getClass());
        assertEquals(json, event.getJson(), "the original JSON travels with the event");
        // the model itself keeps every value: written back, it equals the original (absent and null aside)
        JsonNode rewritten = MAPPER.readTree(MAPPER.writeValueAsString(event));
        assertEquals(withoutNulls(MAPPER.readTree(json)), withoutNulls(rewritten));
    }

    @Test
    void operationTypeFallsBackToTheBalanceThenToAbsent() {
        ObjectNode seed = Envelopes.seed();
        ObjectNode data = (ObjectNode) seed.path("data");
        ((ObjectNode) data.path("transaction")).putNull("details");
        ((ObjectNode) data.path("balance")).put("operation_type", "AUTOMATIC");
        assertEquals("AUTOMATIC", ((BalanceEventData) readable(Envelopes.write(seed)).getData()).getOperationType());
        ((ObjectNode) data.path("balance")).remove("operation_type");
        assertEquals("absent", ((BalanceEventData) readable(Envelopes.write(seed)).getData()).getOperationType());
    }

    @Test
    void eventTypeFallsBackToTheEnvelopeTypeWhenEventIsAbsent() {
        ObjectNode seed = Envelopes.seed();
        seed.remove("event");
        seed.put("type", "voucher.gift.balance_added");
        WebhookEvent event = readable(Envelopes.write(seed));
        assertEquals("voucher.gift.balance_added", event.getEventType());
        assertInstanceOf(GiftBalanceAddedData.class, event.getData());
    }

    @Test
    void unknownEventTypesAreAcceptedAsGenericData() {
        WebhookEvent event = readable(Envelopes.write(Envelopes.envelope("voucher.brand_new.event", Envelopes.JSON.createObjectNode().put("x", 1))));
        assertInstanceOf(GenericEventData.class, event.getData());
        assertEquals(1, event.getData().getOther().get("x").asInt());
    }

    @Test
    void documentedRequiredFieldsMayBeAbsent() {
        ObjectNode data = Envelopes.JSON.createObjectNode();
        data.putObject("transaction").put("id", "vtx_only");
        WebhookEvent event = readable(Envelopes.write(Envelopes.envelope("voucher.gift.balance_added", data)));
        GiftBalanceAddedData gift = assertInstanceOf(GiftBalanceAddedData.class, event.getData());
        assertEquals("vtx_only", gift.getTransaction().getId());
        assertNull(gift.getVoucher());
        assertEquals("absent", gift.getOperationType());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "malformed-json|{\"a\":",
            "malformed-json|",
            "not-an-object|[{\"type\":\"voucher.created\"}]",
            "not-an-object|\"voucher.created\"",
            "legacy-envelope|{\"id\":\"evt_1\",\"object\":\"event\",\"webhook_id\":\"wh_1\",\"type\":\"voucher.created\",\"data\":{}}",
            "no-envelope|{\"customer\":{\"id\":\"cust_1\"},\"amount\":400}",
            "no-event-type|{\"id\":\"whs_1\",\"type\":\"\",\"data\":{},\"event\":{\"id\":\"evcus_1\"}}",
            "unreadable-payload|{\"type\":\"voucher.gift.balance_added\",\"data\":[]}",
            "unreadable-payload|{\"type\":\"voucher.gift.balance_added\",\"data\":{\"balance\":{\"amount\":400.5}}}",
            "unreadable-payload|{\"type\":\"voucher.gift.balance_added\",\"data\":{\"transaction\":\"vtx_1\"}}"})
    void unprocessableBodiesSayWhy(String reasonAndBody) {
        String[] parts = reasonAndBody.split("\\|", 2);
        ReadResult result = reader.read(parts[1].getBytes(StandardCharsets.UTF_8));
        ReadResult.Unprocessable unprocessable = assertInstanceOf(ReadResult.Unprocessable.class, result);
        assertEquals(parts[0], unprocessable.reason().code(), unprocessable.detail());
    }

    @Test
    void readAcceptedRefusesWhatIsNotAnEvent() {
        assertThrows(PermanentFailure.class, () -> reader.readAccepted("[]"));
    }

    private WebhookEvent readable(String json) {
        ReadResult result = reader.read(json.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(ReadResult.Readable.class, result, () -> String.valueOf(result)).event();
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Envelopes.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = Envelopes.JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }
}
