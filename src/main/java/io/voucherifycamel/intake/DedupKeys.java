package io.voucherifycamel.intake;

import java.util.ArrayList;
import java.util.List;

import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;

/**
 * The keys under which an event counts as seen (docs/PROTOCOL.md §3): the event id with the sending
 * webhook or distribution, and, for balance events, the transaction under this event type, so a
 * transaction re-sent under a new event id is recognised. The delivery id is the last resort.
 */
final class DedupKeys {

    private DedupKeys() {
    }

    static List<String> of(WebhookEvent event) {
        List<String> keys = new ArrayList<>(2);
        String eventId = event.getEvent() == null ? null : event.getEvent().getId();
        String sourceId = event.getSource() == null ? null : event.getSource().getId();
        if (present(eventId)) {
            keys.add("event:" + eventId + ":" + (present(sourceId) ? sourceId : ""));
        }
        if (event.getData() instanceof BalanceEventData balance) {
            balance.transactionId().ifPresent(id -> keys.add("transaction:" + event.getEventType() + ":" + id));
        }
        if (keys.isEmpty() && present(event.getId())) {
            keys.add("delivery:" + event.getId());
        }
        return keys;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
