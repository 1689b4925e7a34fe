package io.voucherifycamel.delivery;

import java.math.BigDecimal;
import java.util.Optional;

import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.Customer;
import io.voucherifycamel.event.Transaction;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;

/** What a balance email shows, in words a person reads: currency units, a masked card code. */
public record BalanceMail(String customer, String card, String amount, String balance, String transactionType,
        String reason, String source, String time, String eventType, String transactionId) {

    private static final int VISIBLE_CODE_CHARACTERS = 4;

    static BalanceMail of(WebhookEvent event, BalanceEventData data) {
        Optional<Transaction> transaction = Optional.ofNullable(data.getTransaction());
        boolean points = data.inPoints();
        return new BalanceMail(
                customer(data),
                mask(Optional.ofNullable(data.getVoucher()).map(Voucher::getCode).orElse(null)),
                money(data.amount(), points),
                money(data.balanceAfter(), points),
                transaction.map(Transaction::getType).orElse("unknown"),
                transaction.map(Transaction::getReason).filter(r -> !r.isBlank()).orElse("(none given)"),
                transaction.map(Transaction::getSource).orElse("(not given)"),
                transaction.map(Transaction::getCreatedAt).orElse(event.getCreatedAt()),
                event.getEventType(),
                transaction.map(Transaction::getId).orElse(""));
    }

    /** Cents as currency units: 400 → "4.00", -1250 → "-12.50"; loyalty points stay whole numbers. */
    static String money(Long value, boolean points) {
        if (value == null) {
            return "(not given)";
        }
        return points ? value.toString() : BigDecimal.valueOf(value, 2).toPlainString();
    }

    /** All but the last four characters hidden: a card code is a bearer credential. */
    static String mask(String code) {
        if (code == null || code.isEmpty()) {
            return "(no code)";
        }
        if (code.length() <= VISIBLE_CODE_CHARACTERS) {
            return "*".repeat(code.length());
        }
        return "*".repeat(code.length() - VISIBLE_CODE_CHARACTERS) + code.substring(code.length() - VISIBLE_CODE_CHARACTERS);
    }

    private static String customer(BalanceEventData data) {
        Customer customer = data.customerOrHolder();
        if (customer == null) {
            return data.getVoucher() == null || data.getVoucher().getHolderId() == null ? "(unknown)" : data.getVoucher().getHolderId();
        }
        String name = customer.getName() == null ? customer.getId() : customer.getName() + " (" + customer.getId() + ")";
        return customer.getEmail() == null ? name : name + " <" + customer.getEmail() + ">";
    }
}
