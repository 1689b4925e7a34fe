package io.voucherifycamel.event;

import java.util.Optional;

import org.apache.camel.Message;

import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Sets the {@link VoucherifyHeaders} that describe an event from its model: the one implementation the
 * {@code voucherify:webhook} endpoint, the {@code voucherify} data format and the product share. Free
 * text is cut to {@value #MAX_TEXT} characters: headers often travel as JMS properties, which brokers
 * such as Artemis keep small (a 100 kB reason would make every message of the event unsendable), and
 * no rule needs more.
 */
public final class EventHeaders {

    /** {@link VoucherifyHeaders#FAMILY} of a gift card's balance event. */
    public static final String GIFT = "gift";
    /** {@link VoucherifyHeaders#FAMILY} of a loyalty card's points event. */
    public static final String LOYALTY = "loyalty";
    /** {@link VoucherifyHeaders#FAMILY} of every other event type. */
    public static final String OTHER = "other";
    /** The longest text a header gets. */
    public static final int MAX_TEXT = 1000;

    private EventHeaders() {
    }

    /**
     * The event's id ({@code event.id}, as the product's inbox message carries it) and type, then its
     * {@link #describe facts}: what a receiver of a fresh delivery sets.
     */
    public static void identifyAndDescribe(Message message, WebhookEvent event) {
        setIfPresent(message, VoucherifyHeaders.EVENT_ID, eventId(event));
        setIfPresent(message, VoucherifyHeaders.EVENT_TYPE, event.getEventType());
        describe(message, event);
    }

    /**
     * The facts routing rules compare: family, operation type and reason always; transaction, voucher,
     * amount and balance when the event has them.
     */
    public static void describe(Message message, WebhookEvent event) {
        if (!(event.getData() instanceof BalanceEventData data)) {
            message.setHeader(VoucherifyHeaders.FAMILY, OTHER);
            message.setHeader(VoucherifyHeaders.OPERATION_TYPE, BalanceEventData.OPERATION_TYPE_ABSENT);
            message.setHeader(VoucherifyHeaders.REASON, "");
            return;
        }
        boolean gift = data instanceof GiftBalanceAddedData || data instanceof GiftTransactionCreatedData;
        message.setHeader(VoucherifyHeaders.FAMILY, gift ? GIFT : LOYALTY);
        message.setHeader(VoucherifyHeaders.OPERATION_TYPE, data.getOperationType());
        Optional<Transaction> transaction = Optional.ofNullable(data.getTransaction());
        message.setHeader(VoucherifyHeaders.REASON, cut(transaction.map(Transaction::getReason).orElse("")));
        setIfPresent(message, VoucherifyHeaders.TRANSACTION_ID, transaction.map(Transaction::getId).orElse(null));
        setIfPresent(message, VoucherifyHeaders.TRANSACTION_TYPE, transaction.map(Transaction::getType).orElse(null));
        setIfPresent(message, VoucherifyHeaders.VOUCHER_ID, data.voucherId());
        setIfPresent(message, VoucherifyHeaders.VOUCHER_CODE, Optional.ofNullable(data.getVoucher()).map(Voucher::getCode).orElse(null));
        setIfPresent(message, VoucherifyHeaders.AMOUNT, data.amount());
        setIfPresent(message, VoucherifyHeaders.BALANCE, data.balanceAfter());
    }

    /** {@code event.id}, the id Voucherify gives the event itself (the envelope's {@code id} names the delivery); null when absent. */
    public static String eventId(WebhookEvent event) {
        return event.getEvent() == null ? null : event.getEvent().getId();
    }

    private static void setIfPresent(Message message, String name, Long value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    private static void setIfPresent(Message message, String name, String value) {
        if (value != null && !value.isBlank()) {
            message.setHeader(name, cut(value));
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
