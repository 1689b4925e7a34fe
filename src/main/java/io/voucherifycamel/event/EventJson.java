package io.voucherifycamel.event;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one Jackson configuration, applied to the application's one {@link ObjectMapper} (Quarkus'
 * bean, injected wherever JSON is read or written): snake_case fields as Voucherify writes them,
 * bound to fields (getters are for routes), unknown fields kept, nulls not invented, and money
 * never silently rounded. Answers and admin bodies are maps, which none of this changes.
 */
// Jackson binds fields and Camel's simple language calls getters reflectively: a native image needs both kept
@RegisterForReflection(targets = { WebhookEvent.class, EventSource.class, EventInfo.class, OpenObject.class, EventData.class,
        GenericEventData.class, BalanceEventData.class, GiftBalanceAddedData.class, GiftTransactionCreatedData.class,
        LoyaltyPointsAddedData.class, LoyaltyPointsExpiredData.class, LoyaltyTransactionCreatedData.class, Customer.class,
        Campaign.class, Voucher.class, Voucher.Gift.class, Voucher.LoyaltyCard.class, Balance.class, Transaction.class,
        Transaction.Details.class })
@Singleton
public class EventJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Applies the configuration; public for unit tests that read events without the application. */
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
}
