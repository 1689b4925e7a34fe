package io.voucherifycamel.routing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.GiftBalanceAddedData;
import io.voucherifycamel.event.GiftTransactionCreatedData;
import io.voucherifycamel.event.Transaction;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Sets the {@link VoucherifyHeaders} of an accepted event from its model. Free text is cut to
 * {@value #MAX_TEXT} characters: headers travel as JMS properties, which Artemis keeps small (a
 * 100 kB reason would make every message of the event unsendable), and no rule needs more.
 */
@ApplicationScoped
public class EventFacts {

    public static final String GIFT = "gift";
    public static final String LOYALTY = "loyalty";
    public static final String OTHER = "other";
    static final int MAX_TEXT = 1000;

    public void describe(Exchange exchange) {
        WebhookEvent event = exchange.getMessage().getBody(WebhookEvent.class);
        Message message = exchange.getMessage();
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
        Long amount = data.amount();
        if (amount != null) {
            message.setHeader(VoucherifyHeaders.AMOUNT, amount);
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
