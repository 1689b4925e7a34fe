package io.voucherifycamel.event;

import java.util.Optional;

/** Data of the gift and loyalty balance events: a transaction on a card, with its card, campaign and customer. */
public abstract class BalanceEventData extends EventData {

    /** The value routes see when neither the transaction nor the balance names an operation type. */
    public static final String OPERATION_TYPE_ABSENT = "absent";

    private Customer customer;
    private Customer holder;
    private Campaign campaign;
    private Voucher voucher;
    private Balance balance;
    private Transaction transaction;

    public Customer getCustomer() {
        return customer;
    }

    /** The card holder, as project-webhook {@code *.transaction.created} events name the customer. */
    public Customer getHolder() {
        return holder;
    }

    /** {@code customer}, else {@code holder}: whichever the event carries. */
    public Customer customerOrHolder() {
        return customer != null ? customer : holder;
    }

    public Campaign getCampaign() {
        return campaign;
    }

    public Voucher getVoucher() {
        return voucher;
    }

    public Balance getBalance() {
        return balance;
    }

    public Transaction getTransaction() {
        return transaction;
    }

    /** The balance change: the transaction's ({@code transaction.details.balance}), else the event's {@code balance}. */
    public Optional<Balance> change() {
        return transactionBalance().or(() -> Optional.ofNullable(balance));
    }

    /** The signed change: cents for a gift card, points for a loyalty card. */
    public Long amount() {
        return change().map(b -> b.getAmount() != null ? b.getAmount() : b.getPoints()).orElse(null);
    }

    /** The balance after the change, where the payload says it. */
    public Long balanceAfter() {
        return change().map(Balance::getBalance).orElse(null);
    }

    /** True when the change is counted in loyalty points rather than cents. */
    public boolean inPoints() {
        return change().map(b -> b.getAmount() == null && b.getPoints() != null).orElse(false);
    }

    /** The card: {@code voucher.id}, else {@code transaction.voucher_id}. */
    public String voucherId() {
        if (voucher != null && voucher.getId() != null) {
            return voucher.getId();
        }
        return transaction == null ? null : transaction.getVoucherId();
    }

    /**
     * {@code transaction.details.balance.operation_type}, else {@code balance.operation_type},
     * else {@value #OPERATION_TYPE_ABSENT}: Voucherify often leaves it out (docs/PROTOCOL.md §4).
     */
    public String getOperationType() {
        return transactionBalance()
                .map(Balance::getOperationType)
                .or(() -> Optional.ofNullable(balance).map(Balance::getOperationType))
                .orElse(OPERATION_TYPE_ABSENT);
    }

    private Optional<Balance> transactionBalance() {
        return Optional.ofNullable(transaction).map(Transaction::getDetails).map(Transaction.Details::getBalance);
    }

    /** The transaction id ({@code vtx_…}), if the payload has one. */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transaction).map(Transaction::getId).filter(id -> !id.isBlank());
    }
}
