package io.voucherifycamel.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.voucherifycamel.signature.SignatureVerifier;

/** Builds and posts webhooks the way Voucherify does: v2024-01-01 envelope, signed body. */
public final class Webhooks {

    /** The secrets of the test profile (application.properties): the current one and the one being rotated out. */
    public static final String SECRET = "test-secret-current";
    public static final String PREVIOUS_SECRET = "test-secret-previous";
    public static final String PATH = "/webhooks/voucherify";
    public static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {
    }

    /** The seed event (customer.voucher.gift.balance_added) with fresh event and transaction ids. */
    public static ObjectNode seed() {
        ObjectNode event = read(Path.of("src/tools/seed-event.json"));
        ((ObjectNode) event.path("event")).put("id", "evcus_" + unique());
        ((ObjectNode) event.path("data").path("transaction")).put("id", "vtx_" + unique());
        return event;
    }

    /** An event outside the balance family ({@code voucher.created}): the default rule sends it to voucherify.events. */
    public static ObjectNode otherEvent() {
        ObjectNode voucher = JSON.createObjectNode();
        voucher.putObject("voucher").put("id", "v_" + unique()).put("code", "SPRING-" + unique()).put("object", "voucher");
        return envelope("voucher.created", voucher);
    }

    /** The seed event with this reason and operation type (null: absent), fresh ids. */
    public static ObjectNode gift(String reason, String operationType) {
        ObjectNode seed = seed();
        ObjectNode transaction = (ObjectNode) seed.path("data").path("transaction");
        if (reason == null) {
            transaction.putNull("reason");
        } else {
            transaction.put("reason", reason);
        }
        ObjectNode balance = (ObjectNode) transaction.path("details").path("balance");
        if (operationType == null) {
            balance.remove("operation_type");
        } else {
            balance.put("operation_type", operationType);
        }
        return seed;
    }

    public static String transactionId(JsonNode envelope) {
        return envelope.path("data").path("transaction").path("id").asText();
    }

    /** Wraps {@code data} in the envelope a project webhook sends for {@code eventType}. */
    public static ObjectNode envelope(String eventType, JsonNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", "whs_" + unique());
        envelope.put("project_id", "proj_test");
        envelope.put("created_at", "2024-03-13T16:54:15.102Z");
        envelope.put("type", eventType);
        envelope.set("data", data);
        ObjectNode source = envelope.putObject("source");
        source.put("id", "wh_test");
        source.put("object", "webhook");
        source.put("target_url", "http://localhost" + PATH);
        ObjectNode event = envelope.putObject("event");
        event.put("id", "evvou_" + unique());
        event.put("type", eventType);
        event.put("created_at", "2024-03-13T16:54:14.690Z");
        event.putObject("event_source").put("channel", "API");
        return envelope;
    }

    public static String eventId(JsonNode envelope) {
        return envelope.path("event").path("id").asText();
    }

    public static Response post(JsonNode envelope) {
        return post(write(envelope), SECRET);
    }

    public static Response post(String body, String secret) {
        return post(body.getBytes(StandardCharsets.UTF_8), SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), secret));
    }

    public static Response post(byte[] body, String signature) {
        return given()
                .contentType("application/json")
                .header("x-voucherify-signature", signature)
                .body(body)
                .post(PATH);
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode read(Path path) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
