package io.voucherifycamel.intake;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.JMSRuntimeException;

import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.message.Dispatch;
import io.voucherifycamel.message.EventMessage;
import io.voucherifycamel.headers.VoucherifyHeaders;

/** The durable hand-off: a persistent message on the inbox queue, or one per target chosen, in the transaction of {@link AcceptanceWriter}. */
@ApplicationScoped
class Inbox {

    private final String queue;

    Inbox(BrokerConfig config) {
        this.queue = config.inboxQueue();
    }

    /** Opens a sender on the caller's transacted context: what it sends is durable once the caller committed. */
    Sender sender(JMSContext context) {
        // one producer for the whole batch: creating one is a round trip to the broker
        return new Sender(context, context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT), context.createQueue(queue));
    }

    /** Sends events on one context, with one producer. */
    record Sender(JMSContext context, JMSProducer producer, Queue queue) {

        void send(WebhookEvent event, String duplicateId, String historyId, Map<String, String> traceContext) {
            send(queue, accepted(event, Map.of(), duplicateId, historyId, traceContext));
        }

        /**
         * Sends the event to each target the rules chose instead, with the headers the rules left and
         * what a target reads (its name, the delivery key): the messages the inbox would have sent. They
         * carry the event's duplicate-detection id too (each queue has its own cache of them), so that
         * a retry of an acceptance that reached the broker but not the database sends nothing twice.
         */
        void send(WebhookEvent event, Dispatch dispatch, String duplicateId, String historyId, Map<String, String> traceContext) {
            for (Dispatch.Delivery delivery : dispatch.deliveries()) {
                send(context.createQueue(delivery.queue()), accepted(event, dispatch.headers(), duplicateId, historyId, traceContext)
                        .with(VoucherifyHeaders.TARGET, delivery.target())
                        .with(VoucherifyHeaders.DELIVERY_KEY, delivery.deliveryKey()));
            }
        }

        private void send(Queue destination, EventMessage message) {
            try {
                producer.send(destination, message.create(context));
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        }
    }

    /**
     * An accepted event's message: its JSON, its description, the headers the rules set (none on the
     * inbox), the duplicate-detection id and history id of the acceptance, and the webhook request's trace
     * (traceparent …), which the consumer's span continues.
     */
    private static EventMessage accepted(WebhookEvent event, Map<String, Object> ruleHeaders, String duplicateId, String historyId,
            Map<String, String> traceContext) {
        return EventMessage.of(event.getJson())
                .describing(event)
                .with(ruleHeaders)
                .with(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID, duplicateId)
                .with(VoucherifyHeaders.HISTORY_ID, historyId)
                .acceptedNow()
                .traceContext(traceContext);
    }

    /** True when the broker refused a transaction because it carried a duplicate-detection id it had seen. */
    static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("ActiveMQDuplicateIdException")) {
                return true;
            }
        }
        return false;
    }
}
