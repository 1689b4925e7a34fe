package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 72 documented webhook events of Voucherify's official webhook OpenAPI file, each with its event
 * type and example {@code data}. The file is the component's test resource (see docs/PROTOCOL.md), one
 * copy for both modules: read from the repository's root, where the product's tests run.
 */
public final class OpenApiExamples {

    public record Example(String eventType, JsonNode data) {
        @Override
        public String toString() {
            return eventType;
        }
    }

    private static final Path FILE = Path.of("component/src/test/resources/voucherify/OpenAPIWebhooks.json");

    private OpenApiExamples() {
    }

    public static List<Example> all() {
        try {
            JsonNode webhooks = Webhooks.JSON.readTree(Files.readString(FILE)).path("webhooks");
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
