package io.voucherifycamel.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import io.smallrye.common.annotation.Identifier;

import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.routing.RoutingHeaders;

/**
 * The durable hand-off: a persistent message on the inbox queue. The send blocks until the broker
 * has written it to its journal, so once it returns the event survives a crash.
 */
@ApplicationScoped
class Inbox {

    private final ConnectionFactory connectionFactory;
    private final String queue;

    Inbox(@Identifier(PooledConnectionFactory.NAME) ConnectionFactory connectionFactory, BrokerConfig config) {
        this.connectionFactory = connectionFactory;
        this.queue = config.inboxQueue();
    }

    void send(WebhookEvent event, String duplicateId) throws JMSException {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage(event.getJson());
            setIfPresent(message, InboxHeaders.EVENT_TYPE, event.getEventType());
            setIfPresent(message, InboxHeaders.EVENT_ID, event.getEvent() == null ? null : event.getEvent().getId());
            setIfPresent(message, InboxHeaders.SOURCE_ID, event.getSource() == null ? null : event.getSource().getId());
            setIfPresent(message, InboxHeaders.DELIVERY_ID, event.getId());
            setIfPresent(message, InboxHeaders.ARTEMIS_DUPLICATE_ID, duplicateId);
            setIfPresent(message, InboxHeaders.GROUP_ID, cardId(event));
            // so that a dead letter of the inbox names its transaction too
            setIfPresent(message, RoutingHeaders.TRANSACTION_ID,
                    event.getData() instanceof BalanceEventData balance ? balance.transactionId().orElse(null) : null);
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(queue), message);
        }
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
