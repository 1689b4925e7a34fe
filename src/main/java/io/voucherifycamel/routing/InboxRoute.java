package io.voucherifycamel.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Processing after the answer, for the events the acceptance could not dispatch itself
 * ({@link DispatchPlanner}: rules that do more than choose, processing paused, a rule failing) and
 * for replays: takes each event from the inbox queue, describes it in
 * headers ({@link VoucherifyHeaders}) and hands it to {@code direct:dispatch}, the YAML rules in
 * {@code routes/}, whose {@code direct:deliver} puts one message per chosen target on that target's
 * queue, all in the inbox message's JMS transaction. A failure is retried or parked by the shared
 * {@link DeliveryErrors} configuration, like a target's.
 */
@ApplicationScoped
public class InboxRoute extends RouteBuilder {

    public static final String DISPATCH = "direct:dispatch";
    /** The id of the route of the dispatch rules ({@code routes/dispatch.camel.yaml}). */
    static final String DISPATCH_ROUTE = "dispatch";
    static final String ID = "inbox";

    private final EventFacts facts;

    InboxRoute(EventFacts facts) {
        this.facts = facts;
    }

    @Override
    public void configure() {
        from("jms:queue:{{voucherify.broker.inbox-queue}}?" + TargetTemplates.LOCAL_TRANSACTION
                + "&concurrentConsumers={{voucherify.processing.consumers}}")
                .routeId(ID)
                .routeConfigurationId(DeliveryErrors.ID)
                .autoStartup("{{voucherify.processing.enabled}}")
                .convertBodyTo(WebhookEvent.class)
                .process(facts::describe)
                .to(DISPATCH);
    }
}
