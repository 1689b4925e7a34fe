package io.voucherifycamel.event;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Camel's one way from the JSON on a queue to a {@link WebhookEvent}: {@code convertBodyTo(WebhookEvent.class)},
 * or a bean parameter of that type. Every message on the product's queues was read successfully at
 * the webhook, so a body that no longer reads is a permanent failure (dead-lettered at once).
 */
@ApplicationScoped
public class EventConverter extends TypeConverterSupport {

    private final EventReader reader;

    EventConverter(EventReader reader) {
        this.reader = reader;
    }

    // BeforeStart: the routes that convert start right after
    void register(@Observes BeforeStart event, CamelContext camel) {
        camel.getTypeConverterRegistry().addTypeConverter(WebhookEvent.class, String.class, this);
        camel.getTypeConverterRegistry().addTypeConverter(WebhookEvent.class, byte[].class, this);
    }

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
        String json = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return type.cast(reader.readAccepted(json));
    }
}
