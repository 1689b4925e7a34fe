package io.voucherifycamel.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;

import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import io.smallrye.common.annotation.Identifier;

/**
 * Pools connections and sessions over the Artemis connection factory, so the webhook's hand-off and
 * Camel's JMS endpoints do not open a connection per message. Camel's {@code jms} component uses it
 * by name ({@code camel.component.jms.connection-factory=#pooledConnectionFactory}).
 */
@ApplicationScoped
public class PooledConnectionFactory {

    public static final String NAME = "pooledConnectionFactory";

    @Produces
    @ApplicationScoped
    @Identifier(NAME)
    @Named(NAME)
    JmsPoolConnectionFactory pooled(ConnectionFactory artemis) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(1);
        pool.setMaxSessionsPerConnection(500);
        return pool;
    }

    void close(@Disposes @Identifier(NAME) JmsPoolConnectionFactory pool) {
        pool.stop();
    }
}
