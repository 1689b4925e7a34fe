package io.voucherifycamel.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The 72 documented webhook events of Voucherify's official webhook OpenAPI file (kept as
 * component/src/test/resources/voucherify/OpenAPIWebhooks.json, see docs/PROTOCOL.md), each with its
 * event type and example {@code data}. The product's tests read the same file (their
 * io.voucherifycamel.support.OpenApiExamples).
 */
public final class OpenApiExamples {

    public record Example(String eventType, JsonNode data) {
        @Override
        public String toString() {
            return eventType;
        }
    }

    private OpenApiExamples() {
    }

    public static List<Example> all() {
        try (InputStream in = OpenApiExamples.class.getResourceAsStream("/voucherify/OpenAPIWebhooks.json")) {
            JsonNode webhooks = new ObjectMapper().readTree(in).path("webhooks");
            List<Example> examples = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = webhooks.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> webhook = it.next();
                // "EVENTS.VOUCHER.GIFT.BALANCE_ADDED" is the event voucher.gift.balance_added
                String eventType = webhook.getKey().substring("EVENTS.".length()).toLowerCase(Locale.ROOT);
                JsonNode content = webhook.getValue().path("post").path("requestBody").path("content").path("application/json");
                JsonNode data = content.path("examples").elements().next().path("value");
                examples.add(new Example(eventType, data));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
