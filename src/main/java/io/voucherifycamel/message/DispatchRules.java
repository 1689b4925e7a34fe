package io.voucherifycamel.message;

import java.util.Map;

import io.voucherifycamel.event.WebhookEvent;

/**
 * The dispatch rules, as the acceptance asks them for an event it is about to record as new (never for
 * a duplicate): the targets chosen, or null when the event is to go through the inbox. The routing
 * layer implements it ({@code routing/DispatchPlanner}); the webhook hands it to the intake.
 */
@FunctionalInterface
public interface DispatchRules {

    /** @param traceContext the webhook request's trace context ({@link TraceContext#current}), taken on its thread */
    Dispatch plan(WebhookEvent event, Map<String, String> traceContext);
}
