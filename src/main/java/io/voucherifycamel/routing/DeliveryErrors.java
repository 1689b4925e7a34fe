package io.voucherifycamel.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error-handling configuration of the inbox and of every target route, which opt in with
 * {@code routeConfigurationId: delivery-errors} (the target templates do it for you): the failed
 * message, as it was received, is retried later through the broker or parked in the dead-letter
 * queue with its reason ({@link RetryOrPark}). Nothing is dropped, nothing waits in memory.
 * <p>
 * Not {@code useOriginalMessage()}: with it Camel copies every message a route receives, in case it
 * fails (and Camel 4.17's copy of a JMS message throws and catches a NullPointerException);
 * {@link RetryOrPark} reads the received message again from the JMS message instead, only when one fails.
 */
@ApplicationScoped
public class DeliveryErrors extends RouteConfigurationBuilder {

    public static final String ID = "delivery-errors";

    private final RetryOrPark retryOrPark;

    DeliveryErrors(RetryOrPark retryOrPark) {
        this.retryOrPark = retryOrPark;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                // the rules asked at acceptance (DispatchPlanner): the failure goes back to it, unlogged, and
                // the event through the inbox, whose consumer meets the same failure and parks it, logged there
                .onException(Exception.class)
                    .id(ID + "-planning") // DispatchPlanner recognises the shared clauses by their ids
                    .onWhen(exchangeProperty(DispatchPlanner.PLANNING).isNotNull())
                    .handled(false)
                    .logExhausted(false)
                .end()
                .onException(Exception.class)
                    .id(ID + "-retry-or-park")
                    .handled(true)
                    .process(retryOrPark)
                    .toD("jms:queue:${exchangeProperty." + RetryOrPark.NEXT_QUEUE + "}")
                .end();
    }
}
