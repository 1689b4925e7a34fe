package io.voucherifycamel.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Webhook bodies as Voucherify sends them (the v2024-01-01 envelope), for the component's tests. */
final class Envelopes {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The repository's seed event, a real customer.voucher.gift.balance_added; Surefire runs in component/. */
    static final Path SEED = Path.of("..", "src", "tools", "seed-event.json");

    private Envelopes() {
    }

    static ObjectNode seed() {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(SEED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps {@code data} in the envelope a project webhook sends for {@code eventType}. */
    static ObjectNode envelope(String eventType, JsonNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", "whs_" + unique());
        envelope.put("project_id", "proj_test");
        envelope.put("created_at", "2024-03-13T16:54:15.102Z");
        envelope.put("type", eventType);
        envelope.set("data", data);
        ObjectNode source = envelope.putObject("source");
        source.put("id", "wh_test");
        source.put("object", "webhook");
        source.put("target_url", "http://localhost/webhooks/voucherify");
        ObjectNode event = envelope.putObject("event");
        event.put("id", "evvou_" + unique());
        event.put("type", eventType);
        event.put("created_at", "2024-03-13T16:54:14.690Z");
        event.putObject("event_source").put("channel", "API");
        return envelope;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
