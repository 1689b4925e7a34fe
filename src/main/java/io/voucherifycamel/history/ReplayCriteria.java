package io.voucherifycamel.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which accepted events a replay job takes (received in [from, to), of one event type if given) and
 * where they go: through the current dispatch rules, to {@code target} only if given, and to targets
 * that already have them only with {@code redeliver}.
 */
record ReplayCriteria(Instant from, Instant to, String eventType, String target, boolean redeliver) {

    static ReplayCriteria of(Map<String, Object> request) {
        if (request == null) {
            throw HistoryRequestException.badRequest("a JSON object with from and to is required");
        }
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (!from.isBefore(to)) {
            throw HistoryRequestException.badRequest("from must be before to");
        }
        Object redeliver = request.getOrDefault("redeliver", false);
        if (!(redeliver instanceof Boolean)) {
            throw HistoryRequestException.badRequest("redeliver must be true or false");
        }
        return new ReplayCriteria(from, to, text(request, "event_type"), text(request, "target"), (Boolean) redeliver);
    }

    Map<String, Object> describe() {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("from", from.toString());
        criteria.put("to", to.toString());
        criteria.put("event_type", eventType);
        criteria.put("target", target);
        criteria.put("redeliver", redeliver);
        return criteria;
    }

    private static Instant instant(Map<String, Object> request, String name) {
        String value = text(request, name);
        if (value == null) {
            throw HistoryRequestException.badRequest(name + " is required (an ISO-8601 instant, e.g. 2026-11-26T08:00:00Z)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw HistoryRequestException.badRequest(name + " is not an ISO-8601 instant: " + value);
        }
    }

    private static String text(Map<String, Object> request, String name) {
        Object value = request.get(name);
        if (value != null && !(value instanceof String)) {
            throw HistoryRequestException.badRequest(name + " must be a string");
        }
        return value == null || ((String) value).isBlank() ? null : ((String) value).trim();
    }
}
