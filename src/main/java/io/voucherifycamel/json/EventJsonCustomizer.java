package io.voucherifycamel.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.voucherifycamel.event.EventJson;

/**
 * Gives the application's one {@link ObjectMapper} (Quarkus' bean, injected wherever JSON is read or
 * written) the event model's configuration, {@link EventJson}.
 */
// The model's reflection registration for a native image (Jackson binds fields, Camel's simple language
// calls getters) comes with the voucherify-camel-quarkus extension, which registers its whole package
@Singleton
public class EventJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
