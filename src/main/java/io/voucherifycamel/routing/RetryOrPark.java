package io.voucherifycamel.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.JmsMessage;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.failure.FailureKind;
import io.voucherifycamel.message.EventJournal;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.message.Stage;

/**
 * Decides what becomes of a message whose processing failed, for the inbox and every target:
 * <ul>
 * <li>a transient failure with attempts left: a copy goes back to the queue it came from, counted
 * ({@link VoucherifyHeaders#FAILED_ATTEMPTS}) and scheduled for later by the broker
 * ({@link VoucherifyHeaders#SCHEDULED_DELIVERY}). Nothing waits in memory, so the consumer goes on at
 * once with the messages behind it, the count survives any restart, and stopping is quick;</li>
 * <li>a permanent failure, or the last attempt: parked in the dead-letter queue with its reason.</li>
 * </ul>
 * The route then consumes the failed message in the same JMS transaction as the copy is sent
 * (targets that acknowledge instead send first, then acknowledge: at worst a crash leaves a second
 * copy, which the idempotent target absorbs). Sets the queue to send to in {@link #NEXT_QUEUE}.
 */
@ApplicationScoped
public class RetryOrPark implements Processor {

    /** Exchange property: the queue the failed message goes to next. */
    public static final String NEXT_QUEUE = "voucherifyNextQueue";

    private static final Logger LOG = Logger.getLogger(RetryOrPark.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final DeliveryConfig config;
    private final String deadLetterQueue;
    private final MeterRegistry registry;
    private final EventJournal history;

    RetryOrPark(DeliveryConfig config, BrokerConfig broker, MeterRegistry registry, EventJournal history) {
        this.config = config;
        this.deadLetterQueue = broker.deadLetterQueue();
        this.registry = registry;
        this.history = history;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = asReceived(exchange);
        FailureKind kind = FailureKind.of(failure);
        int failedAttempts = message.getHeader(VoucherifyHeaders.FAILED_ATTEMPTS, 0, Integer.class) + 1;
        String stage = stage(exchange);
        String reason = reason(failure);
        String what = message.getHeader(VoucherifyHeaders.EVENT_TYPE, String.class) + " "
                + message.getHeader(VoucherifyHeaders.EVENT_ID, String.class);
        String historyId = message.getHeader(VoucherifyHeaders.HISTORY_ID, String.class);
        String replayId = message.getHeader(VoucherifyHeaders.REPLAY_ID, String.class);
        // a copy is a new message: the broker must neither drop it as a duplicate nor hold it back
        message.removeHeader(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID);
        message.removeHeader(VoucherifyHeaders.SCHEDULED_DELIVERY);
        message.setHeader(VoucherifyHeaders.FAILED_ATTEMPTS, failedAttempts);
        if (kind == FailureKind.TRANSIENT && failedAttempts <= config.maxRedeliveries()) {
            Duration delay = config.delayAfter(failedAttempts);
            message.setHeader(VoucherifyHeaders.LAST_FAILURE, reason);
            message.setHeader(VoucherifyHeaders.SCHEDULED_DELIVERY, System.currentTimeMillis() + delay.toMillis());
            exchange.setProperty(NEXT_QUEUE, ((JmsEndpoint) exchange.getFromEndpoint()).getDestinationName());
            registry.counter("voucherify.deliveries.retried", "target", stage).increment();
            history.record(historyId, stage, Stage.RETRYING, failedAttempts, reason, replayId);
            LOG.warnf("%s: attempt %d of %d failed for %s (%s); next attempt in %d ms", stage, failedAttempts,
                    config.maxRedeliveries() + 1, what, reason, delay.toMillis());
            return;
        }
        String parked = kind == FailureKind.PERMANENT ? "permanent" : "exhausted";
        message.removeHeader(VoucherifyHeaders.LAST_FAILURE);
        message.setHeader(VoucherifyHeaders.FAILURE_REASON, reason);
        message.setHeader(VoucherifyHeaders.FAILURE_KIND, parked);
        message.setHeader(VoucherifyHeaders.FAILED_AT, Instant.now().toString());
        exchange.setProperty(NEXT_QUEUE, deadLetterQueue);
        registry.counter("voucherify.deliveries.dead.lettered", "target", stage, "kind", parked).increment();
        history.record(historyId, stage, Stage.DEAD, failedAttempts, parked + ": " + reason, replayId);
        LOG.errorf("%s: %s parked in %s after %d attempt(s), %s failure: %s", stage, what, deadLetterQueue, failedAttempts,
                parked, reason);
    }

    /**
     * The failed message as its route received it: body and headers read again from the JMS message
     * (what the route changed, the rules' headers or the parsed event, is dropped), so that the copy
     * retried or parked is the message received, with only the failure's headers added. Without a JMS
     * message underneath (a route that replaced it), the event's JSON with the headers as they are.
     */
    static Message asReceived(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message instanceof JmsMessage received && received.getJmsMessage() != null && received.getBinding() != null) {
            jakarta.jms.Message jms = received.getJmsMessage();
            Map<String, Object> headers = received.getBinding().extractHeadersFromJms(jms, exchange);
            Object body = received.getBinding().extractBodyFromJms(exchange, jms);
            message.getHeaders().clear();
            message.getHeaders().putAll(headers);
            message.setBody(body);
        } else if (message.getBody() instanceof WebhookEvent event) {
            message.setBody(event.getJson());
        }
        return message;
    }

    /** The target's name, or the route's id for the inbox. */
    private static String stage(Exchange exchange) {
        String target = exchange.getMessage().getHeader(VoucherifyHeaders.TARGET, String.class);
        return target != null ? target : exchange.getFromRouteId();
    }

    /** The deepest cause, as {@code Class: first line of its message}: what the operator needs, no stack trace. */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable deepest = failure;
        for (int depth = 0; deepest.getCause() != null && deepest.getCause() != deepest && depth < 20; depth++) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? "" : deepest.getMessage().lines().findFirst().orElse("");
        String reason = deepest.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }
}
