package io.voucherifycamel.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.Transaction;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * The repository's seed event (a real customer.voucher.gift.balance_added) as a {@link WebhookEvent},
 * under a transaction id of the test's choosing, with the routing headers the product sets on it
 * (acceptance: event id and type; routing's EventFacts: the balance facts).
 */
final class SeedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Surefire runs in component/. */
    private static final Path SEED = Path.of("..", "src", "tools", "seed-event.json");

    private SeedEvents() {
    }

    /** The seed's JSON with its transaction id (and event id) replaced, so that each test has its own transactions. */
    static String json(String transactionId) {
        try {
            ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(SEED));
            ((ObjectNode) seed.get("data").get("transaction")).put("id", transactionId);
            ((ObjectNode) seed.get("event")).put("id", "evvou_" + transactionId);
            return JSON.writeValueAsString(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookEvent event(CamelContext camel, String transactionId) {
        return camel.getTypeConverter().convertTo(WebhookEvent.class, json(transactionId));
    }

    /** The headers the product gives the event, as routing's EventFacts and the acceptance set them. */
    static Map<String, Object> headers(WebhookEvent event) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(VoucherifyHeaders.EVENT_ID, event.getEvent().getId());
        headers.put(VoucherifyHeaders.EVENT_TYPE, event.getEventType());
        BalanceEventData data = (BalanceEventData) event.getData();
        Optional<Transaction> transaction = Optional.ofNullable(data.getTransaction());
        headers.put(VoucherifyHeaders.REASON, transaction.map(Transaction::getReason).orElse(""));
        transaction.map(Transaction::getId).ifPresent(id -> headers.put(VoucherifyHeaders.TRANSACTION_ID, id));
        transaction.map(Transaction::getType).ifPresent(type -> headers.put(VoucherifyHeaders.TRANSACTION_TYPE, type));
        headers.put(VoucherifyHeaders.VOUCHER_ID, data.voucherId());
        Optional.ofNullable(data.getVoucher()).map(Voucher::getCode).ifPresent(code -> headers.put(VoucherifyHeaders.VOUCHER_CODE, code));
        headers.put(VoucherifyHeaders.AMOUNT, data.amount());
        headers.put(VoucherifyHeaders.OPERATION_TYPE, data.getOperationType());
        return headers;
    }
}
