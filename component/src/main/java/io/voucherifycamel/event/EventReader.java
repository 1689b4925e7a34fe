package io.voucherifycamel.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.retry.PermanentFailure;

/**
 * Reads a webhook body into a {@link WebhookEvent}, or says precisely why it cannot (docs/PROTOCOL.md §1, §4, §6):
 * broken JSON, not an object, the retired v2018-08-01 envelope, a distribution's raw payload without
 * envelope, no event type, data that does not fit its event's model (a balance event without its
 * transaction id among them), or an id the receipt table cannot keep as it is.
 */
public class EventReader {

    private final ObjectMapper json;

    /** Reads with {@code json}, which must carry {@link EventJson}'s configuration. */
    public EventReader(ObjectMapper json) {
        this.json = json;
    }

    public ReadResult read(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (StreamConstraintsException e) {
            // Jackson's limits (nesting depth, number and string lengths) name numbers, never content
            return unprocessable(UnprocessableReason.MALFORMED_JSON, "body exceeds a limit of the JSON reader: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), null);
        } catch (JsonProcessingException e) {
            return unprocessable(UnprocessableReason.MALFORMED_JSON, "body is not valid JSON" + at(e.getLocation()), null);
        } catch (IOException e) {
            return unprocessable(UnprocessableReason.MALFORMED_JSON, "body could not be read as JSON", null);
        }
        if (root == null || root.isMissingNode()) {
            return unprocessable(UnprocessableReason.MALFORMED_JSON, "body is empty", null);
        }
        if (!root.isObject()) {
            return unprocessable(UnprocessableReason.NOT_AN_OBJECT,
                    "body is a JSON " + root.getNodeType().name().toLowerCase() + ", not the v2024-01-01 envelope object", null);
        }
        if (root.has("webhook_id") || "event".equals(root.path("object").asText(null))) {
            return unprocessable(UnprocessableReason.LEGACY_ENVELOPE,
                    "body is in the v2018-08-01 webhook format; set the webhook version to v2024-01-01 in Voucherify", null);
        }
        if (!root.has("data") || !(root.has("event") || root.has("type"))) {
            return unprocessable(UnprocessableReason.NO_ENVELOPE,
                    "body has no v2024-01-01 envelope (needs 'data' and 'event' or 'type'); a distribution sent as raw payload?",
                    null);
        }
        String eventType = eventType(root);
        if (eventType == null) {
            return unprocessable(UnprocessableReason.NO_EVENT_TYPE, "neither 'event.type' nor 'type' names the event", null);
        }
        return bind((ObjectNode) root, eventType, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Reads an event that was accepted earlier. It read at the webhook, so failing now means it never
     * will: a permanent failure, parked at once rather than retried.
     */
    public WebhookEvent readAccepted(String body) {
        ReadResult result = read(body.getBytes(StandardCharsets.UTF_8));
        if (result instanceof ReadResult.Readable readable) {
            return readable.event();
        }
        ReadResult.Unprocessable unprocessable = (ReadResult.Unprocessable) result;
        throw new PermanentFailure("accepted event no longer readable: " + unprocessable.detail());
    }

    private ReadResult bind(ObjectNode root, String eventType, String body) {
        JsonNode data = root.remove("data");
        if (!data.isObject()) {
            return unprocessable(UnprocessableReason.UNREADABLE_PAYLOAD,
                    "'data' is a JSON " + data.getNodeType().name().toLowerCase() + ", not an object", eventType);
        }
        try {
            WebhookEvent event = json.treeToValue(root, WebhookEvent.class);
            try {
                event.attach(json.treeToValue(data, EventTypes.dataClass(eventType)), body);
            } catch (JsonMappingException e) {
                return misfit(eventType, "data." + path(e));
            }
            if (event.getData() instanceof BalanceEventData balance && balance.transactionId().isEmpty()) {
                // every balance event has one (docs/PROTOCOL.md §5); without it neither de-duplication nor the ledger works
                return unprocessable(UnprocessableReason.UNREADABLE_PAYLOAD,
                        "field 'data.transaction.id' is missing; every " + eventType + " event carries one", eventType);
            }
            return StorableIds.check(event).<ReadResult>map(problem -> unprocessable(UnprocessableReason.UNSTORABLE_VALUE,
                    problem, eventType)).orElse(new ReadResult.Readable(event));
        } catch (JsonMappingException e) {
            return misfit(eventType, path(e));
        } catch (JsonProcessingException e) {
            return misfit(eventType, "?");
        }
    }

    private static ReadResult misfit(String eventType, String field) {
        return unprocessable(UnprocessableReason.UNREADABLE_PAYLOAD,
                "field '" + field + "' does not fit the " + eventType + " model", eventType);
    }

    private static String eventType(JsonNode root) {
        String fromEvent = root.path("event").path("type").asText("");
        if (!fromEvent.isBlank()) {
            return fromEvent;
        }
        String fromType = root.path("type").asText("");
        return fromType.isBlank() ? null : fromType;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static ReadResult unprocessable(UnprocessableReason reason, String detail, String eventType) {
        return new ReadResult.Unprocessable(reason, detail, eventType);
    }
}
