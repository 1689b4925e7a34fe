package io.voucherifycamel.event;

/** {@code customer.voucher.loyalty_card.points_added} and {@code voucher.loyalty_card.points_added}. */
public class LoyaltyPointsAddedData extends BalanceEventData {
}
