package io.voucherifycamel.event;

/**
 * {@code customer.voucher.loyalty_card.points_added} and {@code voucher.loyalty_card.points_added}, and
 * the {@code …pending_points.activated} pair, whose activation adds the pending points to the balance.
 */
public class LoyaltyPointsAddedData extends BalanceEventData {
}
