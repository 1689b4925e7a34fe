package io.voucherifycamel.event;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

import io.voucherifycamel.retry.PermanentFailure;

/**
 * Camel's one way from the JSON of an accepted event (a String or byte[] body) to a {@link WebhookEvent}:
 * {@code convertBodyTo(WebhookEvent.class)}, or a bean parameter of that type. The event was read
 * successfully at the webhook, so a body that no longer reads is a {@link PermanentFailure} (Camel
 * wraps it in its {@code TypeConversionException}): dead-lettered at once, never retried.
 * <p>
 * Its own loader: {@code META-INF/services/org/apache/camel/TypeConverterLoader} names it, which plain
 * Camel reads when a context starts and Camel Quarkus at build time (from the jars it indexes).
 */
public final class EventConverter extends TypeConverterSupport implements TypeConverterLoader {

    @Override
    public void load(TypeConverterRegistry registry) {
        registry.addTypeConverter(WebhookEvent.class, String.class, this);
        registry.addTypeConverter(WebhookEvent.class, byte[].class, this);
    }

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
        String json = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return type.cast(Reader.INSTANCE.readAccepted(json));
    }

    // made on the first conversion, not with the loader: Camel Quarkus creates loaders during static init, which a native build runs at build time
    private static final class Reader {
        static final EventReader INSTANCE = new EventReader(EventJson.mapper());
    }
}
