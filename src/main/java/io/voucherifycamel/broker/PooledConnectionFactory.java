package io.voucherifycamel.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import io.quarkus.arc.ClientProxy;

import io.smallrye.common.annotation.Identifier;

/**
 * Pools connections and sessions over the Artemis connection factory, so the webhook's hand-off and
 * Camel's JMS endpoints do not open a connection per message: one pool for Camel's {@code jms}
 * component, by name ({@code camel.component.jms.connection-factory=#pooledConnectionFactory}), and
 * one for the hand-off.
 */
@ApplicationScoped
public class PooledConnectionFactory {

    public static final String NAME = "pooledConnectionFactory";
    /** The pool of the webhook's hand-off alone. */
    public static final String INTAKE = "intakeConnectionFactory";
    private static final long RETRY_INTERVAL_MILLIS = 100;
    private static final int CONNECTIONS = 4;
    private static final long CALL_TIMEOUT_MILLIS = 5000;
    /** The URL scheme of the embedded broker ({@code vm://0}). */
    static final String EMBEDDED_SCHEME = "vm://";
    /**
     * True in a build that carries the embedded defaults: set by the module voucherify-camel-embedded
     * itself (its META-INF/microprofile-config.properties), which every build but the native one has.
     */
    public static final String EMBEDDED_BUILT_IN = "voucherify.embedded.built-in";

    @Produces
    @ApplicationScoped
    @Identifier(NAME)
    @Named(NAME)
    JmsPoolConnectionFactory pooled(ConnectionFactory artemis, @ConfigProperty(name = "quarkus.artemis.url") String url) {
        failFast(artemis, url);
        // sessions spread over several connections: the broker handles one connection's traffic in order
        return pool(artemis, CONNECTIONS);
    }

    /**
     * The webhook's hand-off gets a pool of its own. A pool opens connections one at a time (a
     * synchronized method of pooled-jms), and with the broker down each attempt lasts a retry
     * interval: in the shared pool the first webhook of an outage waited behind every JMS consumer
     * reconnecting, ~100 ms each, so its 503 came after more than a second with ten targets added
     * (BrokerOutageTest). One connection: one writer thread uses it ({@code AcceptanceWriter}).
     */
    @Produces
    @ApplicationScoped
    @Identifier(INTAKE)
    JmsPoolConnectionFactory intake(ConnectionFactory artemis, @ConfigProperty(name = "quarkus.artemis.url") String url) {
        failFast(artemis, url);
        return pool(artemis, 1);
    }

    /**
     * The native build leaves the embedded broker out (src/pom.xml: only the profile "embedded" adds it): there, {@code vm://}
     * would leave every JMS consumer retrying its connection for ever, so the start fails instead,
     * saying what to set. Before Camel's routes, as the embedded broker's own start.
     */
    void requireBroker(@Observes BeforeStart event, @ConfigProperty(name = "quarkus.artemis.url") String url,
            @ConfigProperty(name = EMBEDDED_BUILT_IN, defaultValue = "false") boolean embeddedBuiltIn) {
        if (url.startsWith(EMBEDDED_SCHEME) && !embeddedBuiltIn) {
            throw new IllegalStateException("quarkus.artemis.url is " + url + ", the embedded broker, but this build carries "
                    + "none (the native build needs an external one): set QUARKUS_ARTEMIS_URL=tcp://host:61616");
        }
    }

    private static JmsPoolConnectionFactory pool(ConnectionFactory artemis, int connections) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(connections);
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
            // both pools come here, the second maybe after the factory was used, when setting fails
            if (!url.contains("retryInterval") && factory.getRetryInterval() != RETRY_INTERVAL_MILLIS) {
                factory.setRetryInterval(RETRY_INTERVAL_MILLIS);
            }
            if (!url.contains("callTimeout") && factory.getCallTimeout() != CALL_TIMEOUT_MILLIS) {
                factory.setCallTimeout(CALL_TIMEOUT_MILLIS);
            }
        }
    }

    void close(@Disposes @Identifier(NAME) JmsPoolConnectionFactory pool) {
        pool.stop();
    }

    void closeIntake(@Disposes @Identifier(INTAKE) JmsPoolConnectionFactory pool) {
        pool.stop();
    }
}
