package io.voucherifycamel.broker;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import io.smallrye.common.annotation.Identifier;

/**
 * The in-process Artemis broker of the embedded default: persistent journal under the data folder,
 * reachable only in this JVM ({@code vm://0}). Started before Camel's routes, stopped after them.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 500_000;

    private final String brokerUrl;
    private final Path dataDir;
    private final BrokerConfig config;
    private final List<JmsPoolConnectionFactory> pools;
    private EmbeddedActiveMQ server;

    EmbeddedBroker(@ConfigProperty(name = "quarkus.artemis.url") String brokerUrl,
            @ConfigProperty(name = "voucherify.data-dir") Path dataDir, BrokerConfig config,
            @Identifier(PooledConnectionFactory.NAME) JmsPoolConnectionFactory pool,
            @Identifier(PooledConnectionFactory.INTAKE) JmsPoolConnectionFactory intake) {
        this.brokerUrl = brokerUrl;
        this.pools = List.of(pool, intake);
        this.dataDir = dataDir;
        this.config = config;
    }

    // BeforeStart, not StartupEvent: the JMS consumers start with the routes and need the broker up
    void start(@Observes BeforeStart event) throws Exception {
        if (!brokerUrl.startsWith(PooledConnectionFactory.EMBEDDED_SCHEME)) {
            return;
        }
        Path brokerDir = dataDir.resolve("broker").toAbsolutePath();
        server = new EmbeddedActiveMQ().setConfiguration(configuration(brokerDir));
        server.start();
        LOG.infof("Embedded Artemis broker started at %s, journal in %s", brokerUrl, brokerDir);
    }

    void stop(@Observes AfterStop event) throws Exception {
        if (server != null) {
            // close pooled client connections first, or the stopping broker complains about each of them
            pools.forEach(JmsPoolConnectionFactory::stop);
            server.stop();
            server = null;
        }
    }

    private Configuration configuration(Path brokerDir) throws Exception {
        AddressSettings redelivery = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(config.deadLetterQueue()))
                // nothing here sets a time-to-live; should a message ever expire, it is parked, not dropped
                .setExpiryAddress(SimpleString.of(config.deadLetterQueue()))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(config.maxDeliveryAttempts())
                .setRedeliveryDelay(config.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(config.maxRedeliveryDelay().toMillis());
        return new ConfigurationImpl()
                .setName("voucherify-embedded")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                // the webhook waits for this sync before it answers: flush after 0.5 ms instead of
                // Artemis' 3.3 ms default; concurrent sends are still batched into one fsync
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .setJournalDirectory(brokerDir.resolve("journal").toString())
                .setBindingsDirectory(brokerDir.resolve("bindings").toString())
                .setPagingDirectory(brokerDir.resolve("paging").toString())
                .setLargeMessagesDirectory(brokerDir.resolve("large-messages").toString())
                .setPersistIDCache(true)
                .setIDCacheSize(config.duplicateIdCacheSize())
                .addAcceptorConfiguration("in-vm", brokerUrl)
                // declared, not left to auto-creation: a broker that parks a message on an address
                // without a queue drops it ("has no bindings"); on a fresh journal the first message
                // the broker itself parks would be lost
                .addQueueConfiguration(QueueConfiguration.of(config.deadLetterQueue())
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true))
                .addAddressSetting("#", redelivery);
    }
}
