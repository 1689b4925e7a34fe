package io.voucherifycamel.event;

import java.util.Map;

/** Which data class each event type is read into; every type not listed here is a {@link GenericEventData}. */
public final class EventTypes {

    public static final String CUSTOMER_GIFT_BALANCE_ADDED = "customer.voucher.gift.balance_added";
    public static final String GIFT_BALANCE_ADDED = "voucher.gift.balance_added";
    public static final String GIFT_TRANSACTION_CREATED = "voucher.gift.transaction.created";
    public static final String CUSTOMER_LOYALTY_POINTS_ADDED = "customer.voucher.loyalty_card.points_added";
    public static final String LOYALTY_POINTS_ADDED = "voucher.loyalty_card.points_added";
    public static final String CUSTOMER_LOYALTY_POINTS_EXPIRED = "customer.voucher.loyalty_card.points_expired";
    public static final String LOYALTY_POINTS_EXPIRED = "voucher.loyalty_card.points_expired";
    public static final String LOYALTY_TRANSACTION_CREATED = "voucher.loyalty_card.transaction.created";

    private static final Map<String, Class<? extends EventData>> DATA_CLASSES = Map.of(
            CUSTOMER_GIFT_BALANCE_ADDED, GiftBalanceAddedData.class,
            GIFT_BALANCE_ADDED, GiftBalanceAddedData.class,
            GIFT_TRANSACTION_CREATED, GiftTransactionCreatedData.class,
            CUSTOMER_LOYALTY_POINTS_ADDED, LoyaltyPointsAddedData.class,
            LOYALTY_POINTS_ADDED, LoyaltyPointsAddedData.class,
            CUSTOMER_LOYALTY_POINTS_EXPIRED, LoyaltyPointsExpiredData.class,
            LOYALTY_POINTS_EXPIRED, LoyaltyPointsExpiredData.class,
            LOYALTY_TRANSACTION_CREATED, LoyaltyTransactionCreatedData.class);

    private EventTypes() {
    }

    public static Class<? extends EventData> dataClass(String eventType) {
        return DATA_CLASSES.getOrDefault(eventType, GenericEventData.class);
    }
}
