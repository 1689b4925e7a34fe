package io.voucherifycamel.intake;

import java.util.Map;

/** What Voucherify is told about a body that was kept: always a 2xx, so it neither retries nor disables the webhook. */
public record Acknowledgement(int status, Map<String, Object> body) {

    static Acknowledgement accepted(String eventId, String eventType) {
        return new Acknowledgement(202, Map.of("status", "accepted", "event_id", nullable(eventId), "event_type", eventType));
    }

    static Acknowledgement duplicate(String eventId, String eventType) {
        return new Acknowledgement(200, Map.of("status", "duplicate", "event_id", nullable(eventId), "event_type", eventType,
                "detail", "this event was accepted before; it is not processed again"));
    }

    static Acknowledgement quarantined(String quarantineId, String reason, String detail) {
        return new Acknowledgement(202, Map.of("status", "quarantined", "quarantine_id", quarantineId, "reason", reason,
                "detail", detail));
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
