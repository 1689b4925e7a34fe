package io.voucherifycamel.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import io.quarkus.arc.ClientProxy;

import io.smallrye.common.annotation.Identifier;

/**
 * Pools connections and sessions over the Artemis connection factory, so the webhook's hand-off and
 * Camel's JMS endpoints do not open a connection per message. Camel's {@code jms} component uses it
 * by name ({@code camel.component.jms.connection-factory=#pooledConnectionFactory}).
 */
@ApplicationScoped
public class PooledConnectionFactory {

    public static final String NAME = "pooledConnectionFactory";
    private static final long RETRY_INTERVAL_MILLIS = 100;
    private static final int CONNECTIONS = 4;
    private static final long CALL_TIMEOUT_MILLIS = 5000;

    @Produces
    @ApplicationScoped
    @Identifier(NAME)
    @Named(NAME)
    JmsPoolConnectionFactory pooled(ConnectionFactory artemis, @ConfigProperty(name = "quarkus.artemis.url") String url) {
        failFast(artemis, url);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        // sessions spread over several connections: the broker handles one connection's traffic in order
        pool.setMaxConnections(CONNECTIONS);
        pool.setMaxSessionsPerConnection(500);
        return pool;
    }

    /**
     * A webhook waits for the broker, so the client must give up quickly on one that is down: between
     * attempts to connect to a broker that refuses, Artemis sleeps {@code retryInterval} (2 s by
     * default; measured: 2–8 s per webhook during an outage), and a blocking call to a broker that
     * stopped answering waits {@code callTimeout} (30 s). Parameters written in the URL win.
     */
    private static void failFast(ConnectionFactory artemis, String url) {
        if (ClientProxy.unwrap(artemis) instanceof ActiveMQConnectionFactory factory) {
            if (!url.contains("retryInterval")) {
                factory.setRetryInterval(RETRY_INTERVAL_MILLIS);
            }
            if (!url.contains("callTimeout")) {
                factory.setCallTimeout(CALL_TIMEOUT_MILLIS);
            }
        }
    }

    void close(@Disposes @Identifier(NAME) JmsPoolConnectionFactory pool) {
        pool.stop();
    }
}
