package io.voucherifycamel.json;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.event.EventReader;

/** The component's {@link EventReader} as a bean, reading with the application's one {@link ObjectMapper}. */
public class EventReaderProducer {

    // @Singleton, not @ApplicationScoped: a plain class from a jar, no client proxy needed
    @Produces
    @Singleton
    EventReader eventReader(ObjectMapper json) {
        return new EventReader(json);
    }
}
