package io.voucherifycamel.event;

/** {@code voucher.gift.transaction.created}: any CREDITS_* transaction; the customer comes as {@code holder}. */
public class GiftTransactionCreatedData extends BalanceEventData {
}
