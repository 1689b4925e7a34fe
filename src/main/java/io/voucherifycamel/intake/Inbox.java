package io.voucherifycamel.intake;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;

import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.message.MessageHeaders;

/** The durable hand-off: a persistent message on the inbox queue, in the transaction of {@link AcceptanceWriter}. */
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
            Inbox.send(context, producer, queue, event, duplicateId, historyId, traceContext);
        }
    }

    private static void send(JMSContext context, JMSProducer producer, Queue queue, WebhookEvent event, String duplicateId,
            String historyId, Map<String, String> traceContext) {
        try {
            TextMessage message = context.createTextMessage(event.getJson());
            setIfPresent(message, MessageHeaders.EVENT_TYPE, event.getEventType());
            setIfPresent(message, MessageHeaders.EVENT_ID, event.getEvent() == null ? null : event.getEvent().getId());
            setIfPresent(message, MessageHeaders.SOURCE_ID, event.getSource() == null ? null : event.getSource().getId());
            setIfPresent(message, MessageHeaders.DELIVERY_ID, event.getId());
            setIfPresent(message, MessageHeaders.ARTEMIS_DUPLICATE_ID, duplicateId);
            setIfPresent(message, MessageHeaders.HISTORY_ID, historyId);
            setIfPresent(message, MessageHeaders.GROUP_ID, cardId(event));
            message.setLongProperty(MessageHeaders.ACCEPTED_AT, System.currentTimeMillis());
            // so that a dead letter of the inbox names its transaction too
            setIfPresent(message, MessageHeaders.TRANSACTION_ID,
                    event.getData() instanceof BalanceEventData balance ? balance.transactionId().orElse(null) : null);
            // the webhook request's trace (traceparent …): the inbox consumer's span continues it
            for (Map.Entry<String, String> field : traceContext.entrySet()) {
                message.setStringProperty(field.getKey(), field.getValue());
            }
            producer.send(queue, message);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
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

    private static String cardId(WebhookEvent event) {
        return event.getData() instanceof BalanceEventData balance ? balance.voucherId() : null;
    }

    private static void setIfPresent(TextMessage message, String name, String value) throws JMSException {
        if (value != null && !value.isBlank()) {
            message.setStringProperty(name, value);
        }
    }
}
