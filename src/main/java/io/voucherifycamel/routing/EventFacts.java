package io.voucherifycamel.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.voucherifycamel.event.EventHeaders;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Sets the {@link VoucherifyHeaders} of an accepted event from its model, with the component's
 * {@link EventHeaders} (the one implementation the voucherify:webhook endpoint and data format share;
 * free text cut to {@value EventHeaders#MAX_TEXT} characters). The inbox message already carries the
 * event's id and type, so only the facts the rules compare are set here.
 */
@ApplicationScoped
public class EventFacts {

    public void describe(Exchange exchange) {
        EventHeaders.describe(exchange.getMessage(), exchange.getMessage().getBody(WebhookEvent.class));
    }
}
