package io.voucherifycamel.json;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.event.EventReader;

/** The component's {@link EventReader} as the bean {@value #NAME}, reading with the application's one {@link ObjectMapper}. */
public class EventReaderProducer {

    /** The name the webhook route calls it by. */
    public static final String NAME = "eventReader";

    // @Singleton, not @ApplicationScoped: a plain class from a jar, no client proxy needed
    @Produces
    @Singleton
    @Named(NAME)
    EventReader eventReader(ObjectMapper json) {
        return new EventReader(json);
    }
}
