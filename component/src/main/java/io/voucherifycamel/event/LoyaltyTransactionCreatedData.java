package io.voucherifycamel.event;

/** {@code voucher.loyalty_card.transaction.created}: any POINTS_* transaction; the customer comes as {@code holder}. */
public class LoyaltyTransactionCreatedData extends BalanceEventData {
}
