package io.voucherifycamel.store;

import java.sql.SQLException;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

/** The two stores an acknowledgement needs: the receipt in the database, the event in the broker. */
public enum Store {
    DATABASE("database"),
    BROKER("broker");

    private final String label;

    Store(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Which store a failure came from, by the first database or broker error among its causes; null if neither. */
    public static Store of(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++, current = current.getCause()) {
            if (current instanceof SQLException) {
                return DATABASE;
            }
            if (current instanceof JMSException || current instanceof JMSRuntimeException
                    || current.getClass().getName().startsWith("org.apache.activemq.artemis.")) {
                return BROKER;
            }
        }
        return null;
    }
}
