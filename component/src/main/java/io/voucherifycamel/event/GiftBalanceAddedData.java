package io.voucherifycamel.event;

/**
 * {@code customer.voucher.gift.balance_added} (distribution) and {@code voucher.gift.balance_added}
 * (project): credits added to, or removed from, a gift card.
 */
public class GiftBalanceAddedData extends BalanceEventData {
}
