package io.voucherifycamel.ops;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.message.EventMessage;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.message.TraceContext;
import io.voucherifycamel.routing.Targets;

/**
 * Lists and replays the dead-letter queue. A replay moves the message, in one JMS transaction, back
 * to the queue it failed from: its target's queue ({@link Targets#queue}), or the inbox for events
 * that failed before dispatch, with a fresh count of attempts. Targets are idempotent, so a replay
 * never doubles an effect. A message whose target no route serves any more stays parked.
 */
@ApplicationScoped
public class DeadLetters {

    /** Set by Artemis on messages it dead-lettered itself (after the inbox's last attempt). */
    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final int MAX_PER_CALL = 10_000;

    private final ConnectionFactory connectionFactory;
    private final BrokerConfig config;
    private final Targets targets;
    private final List<String> traceProperties;

    DeadLetters(@Identifier(PooledConnectionFactory.NAME) ConnectionFactory connectionFactory, BrokerConfig config,
            Targets targets, TraceContext traceContext) {
        this.connectionFactory = connectionFactory;
        this.config = config;
        this.targets = targets;
        this.traceProperties = traceContext.propertyNames();
    }

    public List<Map<String, Object>> list() throws JMSException {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            QueueBrowser browser = context.createBrowser(context.createQueue(config.deadLetterQueue()));
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements() && entries.size() < MAX_PER_CALL;) {
                entries.add(describe((Message) messages.nextElement()));
            }
            browser.close();
            return entries;
        }
    }

    /**
     * Replays one message by its {@code id} (JMS message id), or all of them when id is null; says how
     * many were replayed and how many stayed because their target is not served.
     */
    public Map<String, Object> replay(String id) throws JMSException {
        int replayed = 0;
        int kept = 0;
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
                JMSConsumer consumer = id == null
                        ? context.createConsumer(context.createQueue(config.deadLetterQueue()))
                        : context.createConsumer(context.createQueue(config.deadLetterQueue()),
                                "JMSMessageID = '" + id.replace("'", "''") + "'")) {
            List<Message> unserved = new ArrayList<>();
            for (Message message = consumer.receive(500); message != null && replayed + kept < MAX_PER_CALL;
                    message = consumer.receive(200)) {
                String target = message.getStringProperty(VoucherifyHeaders.TARGET);
                if (target != null && !targets.isServed(target)) {
                    unserved.add(message);
                    kept++;
                } else {
                    context.createProducer().send(context.createQueue(origin(message)), copy(context, message));
                    replayed++;
                }
                if (id != null) {
                    break;
                }
            }
            // those whose target is gone go back to the end of the dead-letter queue, unchanged
            for (Message message : unserved) {
                context.createProducer().send(context.createQueue(config.deadLetterQueue()), copyWithFailure(context, message));
            }
            context.commit();
        }
        return Map.of("replayed", replayed, "kept_target_not_served", kept);
    }

    /** A replay starts with a fresh count of attempts, and joins the event's trace (EventMessage#copyOf). */
    private TextMessage copy(JMSContext context, Message message) throws JMSException {
        return EventMessage.copyOf(message, traceProperties).create(context);
    }

    private TextMessage copyWithFailure(JMSContext context, Message message) throws JMSException {
        return EventMessage.copyOf(message, traceProperties).withFailureOf(message).create(context);
    }

    private String origin(Message message) throws JMSException {
        String target = message.getStringProperty(VoucherifyHeaders.TARGET);
        if (target != null) {
            return Targets.queue(target);
        }
        String original = message.getStringProperty(ORIGINAL_ADDRESS);
        return original != null ? original : config.inboxQueue();
    }

    private static Map<String, Object> describe(Message message) throws JMSException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", message.getJMSMessageID());
        entry.put("target", message.getStringProperty(VoucherifyHeaders.TARGET));
        entry.put("reason", message.getStringProperty(VoucherifyHeaders.FAILURE_REASON));
        entry.put("kind", message.getStringProperty(VoucherifyHeaders.FAILURE_KIND));
        entry.put("attempts", message.propertyExists(VoucherifyHeaders.FAILED_ATTEMPTS)
                ? message.getIntProperty(VoucherifyHeaders.FAILED_ATTEMPTS) : null);
        entry.put("failed_at", message.getStringProperty(VoucherifyHeaders.FAILED_AT));
        entry.put("event_type", message.getStringProperty(VoucherifyHeaders.EVENT_TYPE));
        entry.put("event_id", message.getStringProperty(VoucherifyHeaders.EVENT_ID));
        entry.put("transaction_id", message.getStringProperty(VoucherifyHeaders.TRANSACTION_ID));
        entry.put("original_address", message.getStringProperty(ORIGINAL_ADDRESS));
        return entry;
    }
}
