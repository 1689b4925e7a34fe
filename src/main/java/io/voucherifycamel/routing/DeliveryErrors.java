package io.voucherifycamel.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteConfigurationBuilder;


/**
 * The one error-handling configuration of every target route (Java or YAML), which opts in with
 * {@code routeConfigurationId: delivery-errors}: retry with exponential backoff, then park the
 * original message in the dead-letter queue with the reason. Nothing is dropped.
 */
@ApplicationScoped
public class DeliveryErrors extends RouteConfigurationBuilder {

    public static final String ID = "delivery-errors";

    private final DeliveryConfig config;

    DeliveryErrors(DeliveryConfig config) {
        this.config = config;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(deadLetterChannel(DeliveryRoutes.DEAD_LETTER)
                        .useOriginalMessage()
                        .maximumRedeliveries(config.maxRedeliveries())
                        .redeliveryDelay(config.redeliveryDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(config.backoffMultiplier())
                        .maximumRedeliveryDelay(config.maxRedeliveryDelay().toMillis())
                        .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                        .logExhausted(true)
                        .logExhaustedMessageHistory(false)
                        .logStackTrace(false));
    }
}
