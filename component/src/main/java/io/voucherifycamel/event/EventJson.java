package io.voucherifycamel.event;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The one Jackson configuration of the event model: snake_case fields as Voucherify writes them,
 * bound to fields (getters are for routes), unknown fields kept, nulls not invented, and money
 * never silently rounded. An application applies it to its own {@link ObjectMapper}; answers and
 * admin bodies are maps, which none of this changes.
 */
public final class EventJson {

    private EventJson() {
    }

    /** Applies the configuration to {@code mapper} and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // a cent amount of 400.5 is a broken payload, not 400
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return mapper;
    }

    /** A new {@link ObjectMapper} with this configuration, for code that has none of its own. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper());
    }
}
