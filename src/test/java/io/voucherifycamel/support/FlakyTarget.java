package io.voucherifycamel.support;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Body;
import org.apache.camel.Header;

import io.voucherifycamel.delivery.Target;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * A target for tests, served by the product's own {@code bean-target} template: it refuses events
 * whose reason ends with "-fail" as an unreachable server would (connection refused, a transient
 * failure) until told to recover, and remembers every attempt and delivery.
 */
@ApplicationScoped
@Named("flakyTarget")
public class FlakyTarget implements Target {

    private static volatile boolean failing = true;
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(@Body WebhookEvent event, @Header(VoucherifyHeaders.DELIVERY_KEY) String deliveryKey) throws Exception {
        String transactionId = ((BalanceEventData) event.getData()).transactionId().orElseThrow();
        ATTEMPTS.computeIfAbsent(transactionId, id -> new AtomicInteger()).incrementAndGet();
        String reason = ((BalanceEventData) event.getData()).getTransaction().getReason();
        if (failing && reason != null && reason.endsWith("-fail")) {
            throw new ConnectException("flaky target refused the connection");
        }
        DELIVERED.add(transactionId);
    }

    public static void recover() {
        failing = false;
    }

    /** Back to refusing, as a test that recovered it found it: other tests expect a failing target. */
    public static void failAgain() {
        failing = true;
    }

    public static int attempts(String transactionId) {
        AtomicInteger attempts = ATTEMPTS.get(transactionId);
        return attempts == null ? 0 : attempts.get();
    }

    public static long deliveries(String transactionId) {
        return DELIVERED.stream().filter(transactionId::equals).count();
    }

    /** The transactions delivered so far, in the order the target took them. */
    public static List<String> delivered() {
        return List.copyOf(DELIVERED);
    }
}
