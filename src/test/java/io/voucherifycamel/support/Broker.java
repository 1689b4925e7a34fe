package io.voucherifycamel.support;

import java.time.Duration;
import java.util.Collections;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import io.voucherifycamel.headers.VoucherifyHeaders;

/** Reads what the product put on a queue, picking one event's messages by their {@link VoucherifyHeaders#EVENT_ID} property. */
public final class Broker {

    public static final String EVENTS = "voucherify.events";

    private Broker() {
    }

    /** The next message of this event on the queue, or null if none arrives within the wait. */
    public static TextMessage receive(ConnectionFactory factory, String queue, String eventId, Duration wait) throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue(queue), ofEvent(eventId))) {
            Message message = consumer.receive(wait.toMillis());
            return (TextMessage) message;
        }
    }

    /** How many messages of this event the queue holds now, read with a browser: none is taken from it. */
    public static int count(ConnectionFactory factory, String queue, String eventId) throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = context.createBrowser(context.createQueue(queue), ofEvent(eventId))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    /** The bodies of this event's messages the queue holds now (text messages; others named by their class), read with a browser. */
    public static java.util.List<String> bodies(ConnectionFactory factory, String queue, String eventId) throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = context.createBrowser(context.createQueue(queue), ofEvent(eventId))) {
            java.util.List<String> bodies = new java.util.ArrayList<>();
            for (Object message : Collections.list(browser.getEnumeration())) {
                bodies.add(message instanceof TextMessage text ? text.getText() : "a " + message.getClass().getSimpleName() + ", not a text");
            }
            return bodies;
        }
    }

    private static String ofEvent(String eventId) {
        return VoucherifyHeaders.EVENT_ID + " = '" + eventId.replace("'", "''") + "'";
    }
}
