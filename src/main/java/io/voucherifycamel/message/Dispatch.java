package io.voucherifycamel.message;

import java.util.List;
import java.util.Map;

/**
 * What the dispatch rules chose for an event before it was accepted: the rule, every target chosen,
 * the headers the rules left on the event (each target's message carries them, as the inbox's sends
 * do), and per target its queue and delivery key. The routing layer makes it
 * ({@code routing/DispatchPlanner}); the acceptance sends one message per delivery in the transaction
 * that records the event ({@code intake/AcceptanceWriter}), so an accepted event skips the inbox.
 */
public record Dispatch(String rule, List<String> chosen, Map<String, Object> headers, List<Delivery> deliveries) {

    /** One target's message: the target's name, the queue it reads and the key its deliveries are de-duplicated by. */
    public record Delivery(String target, String queue, String deliveryKey) {
    }

    public Dispatch {
        chosen = List.copyOf(chosen);
        headers = Map.copyOf(headers);
        deliveries = List.copyOf(deliveries);
    }
}
