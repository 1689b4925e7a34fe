package io.voucherifycamel.event;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one Jackson configuration for Voucherify's JSON: snake_case fields, bound to fields (getters
 * are for routes), unknown fields kept, nulls not invented, and money never silently rounded.
 */
// Jackson binds fields and Camel's simple language calls getters reflectively: a native image needs both kept
@RegisterForReflection(targets = { WebhookEvent.class, EventSource.class, EventInfo.class, OpenObject.class, EventData.class,
        GenericEventData.class, BalanceEventData.class, GiftBalanceAddedData.class, GiftTransactionCreatedData.class,
        LoyaltyPointsAddedData.class, LoyaltyPointsExpiredData.class, LoyaltyTransactionCreatedData.class, Customer.class,
        Campaign.class, Voucher.class, Voucher.Gift.class, Voucher.LoyaltyCard.class, Balance.class, Transaction.class,
        Transaction.Details.class })
public final class EventJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a cent amount of 400.5 is a broken payload, not 400
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }
}
