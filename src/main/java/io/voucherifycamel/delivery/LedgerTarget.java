package io.voucherifycamel.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

import io.voucherifycamel.db.GroupCommit;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.Customer;
import io.voucherifycamel.event.Transaction;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.retry.PermanentFailure;

/** The "ledger" target: one {@code balance_ledger} row per transaction, written once whatever arrives twice. */
@ApplicationScoped
@Named("ledger")
public class LedgerTarget implements Target {

    private static final Logger LOG = Logger.getLogger(LedgerTarget.class);
    private static final String INSERT = "INSERT INTO balance_ledger (transaction_id, event_id, event_type, voucher_id,"
            + " voucher_code, customer_id, transaction_type, amount, balance, reason, source, operation_type, created_at,"
            + " received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // a transaction already in the ledger (a retry, a replay, a second webhook) adds nothing
            + " ON CONFLICT DO NOTHING";

    /** Rows of the ledger's concurrent consumers are inserted together, with one commit (group commit). */
    private final GroupCommit commits;

    LedgerTarget(GroupCommit commits) {
        this.commits = commits;
    }

    @Override
    public void deliver(@Body WebhookEvent event, @Header(VoucherifyHeaders.DELIVERY_KEY) String deliveryKey) throws SQLException {
        if (!(event.getData() instanceof BalanceEventData data) || data.transactionId().isEmpty()) {
            throw new PermanentFailure("the ledger takes gift and loyalty balance events with a transaction id, not "
                    + event.getEventType());
        }
        commits.write(connection -> insert(connection, event));
    }

    private static void insert(Connection connection, WebhookEvent event) throws SQLException {
        BalanceEventData data = (BalanceEventData) event.getData();
        Optional<Transaction> transaction = Optional.ofNullable(data.getTransaction());
        Optional<Voucher> voucher = Optional.ofNullable(data.getVoucher());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, data.transactionId().get());
            insert.setString(2, Sql.fit(event.getEvent() == null ? null : event.getEvent().getId(), 255));
            insert.setString(3, Sql.fit(event.getEventType(), 255));
            insert.setString(4, Sql.fit(data.voucherId(), 255));
            insert.setString(5, Sql.fit(voucher.map(Voucher::getCode).orElse(null), 255));
            insert.setString(6, Sql.fit(customerId(data), 255));
            insert.setString(7, Sql.fit(transaction.map(Transaction::getType).orElse(null), 64));
            insert.setObject(8, data.amount());
            insert.setObject(9, data.balanceAfter());
            insert.setString(10, Sql.fit(transaction.map(Transaction::getReason).orElse(null), 1000));
            insert.setString(11, Sql.fit(transaction.map(Transaction::getSource).orElse(null), 255));
            insert.setString(12, Sql.fit(data.getOperationType(), 32));
            insert.setObject(13, timestamp(transaction.map(Transaction::getCreatedAt).orElse(null)));
            insert.setObject(14, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(15, event.getJson());
            if (insert.executeUpdate() == 0) {
                LOG.debugf("Transaction %s is already in the ledger", data.transactionId().get());
            }
        }
    }

    private static String customerId(BalanceEventData data) {
        Customer customer = data.customerOrHolder();
        if (customer != null && customer.getId() != null) {
            return customer.getId();
        }
        return data.getVoucher() == null ? null : data.getVoucher().getHolderId();
    }

    private static OffsetDateTime timestamp(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null; // kept verbatim in the payload column
        }
    }
}
