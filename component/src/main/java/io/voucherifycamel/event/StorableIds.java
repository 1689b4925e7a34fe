package io.voucherifycamel.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values the webhook stores as text before it answers (the receipt's keys and labels) must be
 * kept exactly, or de-duplication breaks: so an id with a control character (PostgreSQL refuses
 * NUL), an unpaired surrogate (not encodable as UTF-8) or an absurd length is not accepted but
 * quarantined, byte for byte, with this explanation (docs/PROTOCOL.md §6). Real Voucherify ids are
 * short ASCII.
 */
final class StorableIds {

    /** The width of the receipt table's id columns. */
    static final int MAX_LENGTH = 255;

    private StorableIds() {
    }

    /** What is wrong with the first id that cannot be stored, or empty when all can. */
    static Optional<String> check(WebhookEvent event) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("id", event.getId());
        ids.put("event.id", event.getEvent() == null ? null : event.getEvent().getId());
        ids.put("event type", event.getEventType());
        ids.put("source.id", event.getSource() == null ? null : event.getSource().getId());
        if (event.getData() instanceof BalanceEventData balance) {
            ids.put("data.transaction.id", balance.transactionId().orElse(null));
            ids.put("data.voucher.id", balance.voucherId());
        }
        for (Map.Entry<String, String> id : ids.entrySet()) {
            Optional<String> problem = problem(id.getValue());
            if (problem.isPresent()) {
                return Optional.of("field '" + id.getKey() + "' " + problem.get());
            }
        }
        return Optional.empty();
    }

    static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("is " + value.length() + " characters long; ids are kept up to " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("holds the control character U+%04X at position %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("holds an unpaired surrogate U+%04X at position %d", (int) c, i));
            }
        }
        return Optional.empty();
    }
}
