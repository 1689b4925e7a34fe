package io.voucherifycamel.message;

import io.voucherifycamel.headers.VoucherifyHeaders;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;

/**
 * Builds the JMS messages that carry an event and that the product sends with plain JMS rather
 * than through Camel: the inbox message of an acceptance ({@code intake/Inbox}), the same again for
 * a replay ({@code history/Replays}), and a dead letter's copy put back on its inbox or target queue
 * ({@code ops/DeadLetters}). The body is the event's JSON; the properties are {@link VoucherifyHeaders}.
 */
public final class EventMessage {

    /** What a dead letter sent back to the dead-letter queue keeps of its failure: not a retry's schedule. */
    private static final List<String> FAILURE_RECORD = List.of(VoucherifyHeaders.FAILURE_REASON, VoucherifyHeaders.FAILURE_KIND,
            VoucherifyHeaders.FAILED_AT, VoucherifyHeaders.FAILED_ATTEMPTS);

    private final String body;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private EventMessage(String body) {
        this.body = body;
    }

    /** A new message with this JSON as its body. */
    public static EventMessage of(String json) {
        return new EventMessage(json);
    }

    /**
     * A copy of a message taken from a queue: its body, its {@code Voucherify*} properties without the
     * failure's ({@link VoucherifyHeaders#FAILURE_HEADERS}: a replay starts with a fresh count of
     * attempts), its message group, and the properties in {@code alsoKept} (the trace context, so that
     * the replayed delivery joins the event's trace).
     */
    public static EventMessage copyOf(Message received, Collection<String> alsoKept) throws JMSException {
        EventMessage copy = new EventMessage(((TextMessage) received).getText());
        for (String name : propertyNames(received)) {
            boolean ours = name.startsWith(VoucherifyHeaders.PREFIX) && !VoucherifyHeaders.FAILURE_HEADERS.contains(name);
            if (ours || alsoKept.contains(name)) {
                copy.properties.put(name, received.getObjectProperty(name));
            }
        }
        String group = received.getStringProperty(VoucherifyHeaders.GROUP_ID);
        if (group != null) {
            copy.properties.put(VoucherifyHeaders.GROUP_ID, group);
        }
        return copy;
    }

    /** The event's ids, type, transaction and card (the message group, so one card's events stay in order), from its model. */
    public EventMessage describing(WebhookEvent event) {
        BalanceEventData balance = event.getData() instanceof BalanceEventData data ? data : null;
        with(VoucherifyHeaders.EVENT_TYPE, event.getEventType());
        with(VoucherifyHeaders.EVENT_ID, event.getEvent() == null ? null : event.getEvent().getId());
        with(VoucherifyHeaders.SOURCE_ID, event.getSource() == null ? null : event.getSource().getId());
        with(VoucherifyHeaders.DELIVERY_ID, event.getId());
        with(VoucherifyHeaders.GROUP_ID, balance == null ? null : balance.voucherId());
        // so that a dead letter of the inbox names its transaction too
        with(VoucherifyHeaders.TRANSACTION_ID, balance == null ? null : balance.transactionId().orElse(null));
        return this;
    }

    /** Sets a property, unless the value is null or blank: a property is there with a value, or not at all. */
    public EventMessage with(String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(name, value);
        }
        return this;
    }

    /** Sets these properties (JMS property values: strings, numbers, booleans). */
    public EventMessage with(Map<String, Object> values) {
        properties.putAll(values);
        return this;
    }

    /** Marks the event as one replay's; {@code target} null for every target the rules choose. */
    public EventMessage replay(String replayId, String target, boolean redeliver) {
        with(VoucherifyHeaders.REPLAY_ID, replayId);
        with(VoucherifyHeaders.REPLAY_TARGET, target);
        properties.put(VoucherifyHeaders.REDELIVER, redeliver);
        return this;
    }

    /** Stamps {@link VoucherifyHeaders#ACCEPTED_AT} with the current time: each target's delivery latency counts from it. */
    public EventMessage acceptedNow() {
        properties.put(VoucherifyHeaders.ACCEPTED_AT, System.currentTimeMillis());
        return this;
    }

    /** The sender's trace context ({@link TraceContext#current}): the consumer's span continues that trace. */
    public EventMessage traceContext(Map<String, String> fields) {
        properties.putAll(fields);
        return this;
    }

    /** Keeps the failure's reason, kind, time and attempts of {@code received}: a dead letter that stays parked. */
    public EventMessage withFailureOf(Message received) throws JMSException {
        for (String name : FAILURE_RECORD) {
            if (received.propertyExists(name)) {
                properties.put(name, received.getObjectProperty(name));
            }
        }
        return this;
    }

    /** The message, created on the context it will be sent on. */
    public TextMessage create(JMSContext context) throws JMSException {
        TextMessage message = context.createTextMessage(body);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getValue() instanceof String text) {
                message.setStringProperty(property.getKey(), text);
            } else {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
        }
        return message;
    }

    @SuppressWarnings("unchecked") // JMS 1.1's raw Enumeration: its elements are the property names
    private static List<String> propertyNames(Message message) throws JMSException {
        return Collections.list((Enumeration<String>) message.getPropertyNames());
    }
}
