package io.voucherifycamel.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * What the broker's management address says about a queue: its message count (waiting, being
 * delivered and scheduled for later alike, which a browser would not all see) or another attribute.
 * The dispatch at acceptance asks whether the inbox is empty; the backlog metrics ask every queue.
 */
public final class QueueCounts {

    /** Artemis' management address: requests sent there are answered to their reply-to destination. */
    public static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_TIMEOUT_MILLIS = 2000;

    private QueueCounts() {
    }

    /** The queue's message count on a connection of its own; 0 for a queue the broker does not have (yet). */
    public static long messages(ConnectionFactory factory, String queue) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TemporaryQueue replies = session.createTemporaryQueue();
                try (MessageProducer management = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                        MessageConsumer answers = session.createConsumer(replies)) {
                    Object count = attribute(session, management, replies, answers, queue, "messageCount");
                    return count instanceof Number number ? number.longValue() : 0;
                } finally {
                    replies.delete();
                }
            }
        }
    }

    /**
     * One attribute of one queue, asked with {@code management} (a producer to {@link #MANAGEMENT_ADDRESS})
     * and answered on {@code replies}; null when the broker does not have the queue (yet). Without an
     * answer in time it throws: a late answer would be taken for the next question, so the caller starts
     * over on a new session.
     */
    public static Object attribute(Session session, MessageProducer management, TemporaryQueue replies, MessageConsumer answers,
            String queue, String attribute) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
        request.setJMSReplyTo(replies);
        management.send(request);
        Message answer = answers.receive(ANSWER_TIMEOUT_MILLIS);
        if (answer == null) {
            throw new JMSException("no answer from the broker's management address within " + ANSWER_TIMEOUT_MILLIS + " ms");
        }
        if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
            return null;
        }
        try {
            return JMSManagementHelper.getResult(answer);
        } catch (JMSException e) {
            throw e;
        } catch (Exception e) {
            throw new JMSException("the broker's answer could not be read: " + e.getMessage());
        }
    }
}
