package io.voucherifycamel.delivery;

import io.voucherifycamel.event.WebhookEvent;

/**
 * A delivery done by Java code, used through the {@code bean-target} route template: the template
 * reads the target's queue, converts the message to the event and calls {@link #deliver}. A target
 * must be idempotent (the same delivery key twice gives one effect) and should throw
 * {@link io.voucherifycamel.retry.PermanentFailure} for an event it can never take.
 */
public interface Target {

    /**
     * @param event       the accepted event
     * @param deliveryKey this target and the event's transaction (or event) id, the same on every
     *                    attempt and replay: the key that makes the delivery happen once
     */
    void deliver(WebhookEvent event, String deliveryKey) throws Exception;
}
