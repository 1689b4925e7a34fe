package io.voucherifycamel.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.voucherifycamel.event.Balance;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.Campaign;
import io.voucherifycamel.event.Customer;
import io.voucherifycamel.event.EventData;
import io.voucherifycamel.event.EventInfo;
import io.voucherifycamel.event.EventJson;
import io.voucherifycamel.event.EventSource;
import io.voucherifycamel.event.GenericEventData;
import io.voucherifycamel.event.GiftBalanceAddedData;
import io.voucherifycamel.event.GiftTransactionCreatedData;
import io.voucherifycamel.event.LoyaltyPointsAddedData;
import io.voucherifycamel.event.LoyaltyPointsExpiredData;
import io.voucherifycamel.event.LoyaltyTransactionCreatedData;
import io.voucherifycamel.event.OpenObject;
import io.voucherifycamel.event.Transaction;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;

/**
 * Gives the application's one {@link ObjectMapper} (Quarkus' bean, injected wherever JSON is read or
 * written) the event model's configuration, {@link EventJson}.
 */
// Jackson binds fields and Camel's simple language calls getters reflectively: a native image needs both kept
@RegisterForReflection(targets = { WebhookEvent.class, EventSource.class, EventInfo.class, OpenObject.class, EventData.class,
        GenericEventData.class, BalanceEventData.class, GiftBalanceAddedData.class, GiftTransactionCreatedData.class,
        LoyaltyPointsAddedData.class, LoyaltyPointsExpiredData.class, LoyaltyTransactionCreatedData.class, Customer.class,
        Campaign.class, Voucher.class, Voucher.Gift.class, Voucher.LoyaltyCard.class, Balance.class, Transaction.class,
        Transaction.Details.class })
@Singleton
public class EventJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
