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
 * How many messages a queue holds, asked of the broker's management address: waiting, being
 * delivered and scheduled for later alike (a browser would not see the last two).
 */
public final class QueueCounts {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_TIMEOUT_MILLIS = 5000;

    private QueueCounts() {
    }

    private static Object result(Message answer) throws JMSException {
        try {
            return JMSManagementHelper.getResult(answer);
        } catch (JMSException e) {
            throw e;
        } catch (Exception e) {
            throw new JMSException("the broker's answer could not be read: " + e.getMessage());
        }
    }

    /** The queue's message count; 0 for a queue the broker does not have (yet). */
    public static long messages(ConnectionFactory factory, String queue) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TemporaryQueue replies = session.createTemporaryQueue();
                try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                        MessageConsumer answers = session.createConsumer(replies)) {
                    Message request = session.createMessage();
                    JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
                    request.setJMSReplyTo(replies);
                    producer.send(request);
                    Message answer = answers.receive(ANSWER_TIMEOUT_MILLIS);
                    if (answer == null) {
                        throw new JMSException("no answer from the broker's management address within " + ANSWER_TIMEOUT_MILLIS + " ms");
                    }
                    if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
                        return 0; // the broker has no such queue (yet): nothing waits on it
                    }
                    Object count = result(answer);
                    return count instanceof Number number ? number.longValue() : 0;
                } finally {
                    replies.delete();
                }
            }
        }
    }
}
