package io.voucherifycamel.processing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * Processing after the answer: takes each accepted event from the inbox queue, reads it into the
 * model, describes it in headers ({@link io.voucherifycamel.routing.RoutingHeaders}) and hands it to
 * {@code direct:dispatch}, which the YAML routes in {@code routes/} define.
 * The JMS transaction commits only when dispatch succeeded; a failure rolls it back, and the broker
 * redelivers with backoff, then moves the message to the dead-letter queue.
 */
@ApplicationScoped
public class InboxRoute extends RouteBuilder {

    public static final String DISPATCH = "direct:dispatch";

    @Override
    public void configure() {
        from("jms:queue:{{voucherify.broker.inbox-queue}}?transacted=true&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers={{voucherify.processing.consumers}}")
                .routeId("inbox")
                .autoStartup("{{voucherify.processing.enabled}}")
                // no Camel-level retry: the broker's redelivery keeps the message safe across restarts
                .errorHandler(noErrorHandler())
                .bean("eventReader", "readAccepted")
                .bean("eventFacts", "describe")
                .to(DISPATCH);
    }
}
