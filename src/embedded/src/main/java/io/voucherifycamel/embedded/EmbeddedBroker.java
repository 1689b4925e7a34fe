package io.voucherifycamel.embedded;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

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

/**
 * The in-process Artemis broker of the embedded default: persistent journal under the data folder,
 * reachable only in this JVM ({@code vm://0}). Started before Camel's routes, stopped after them.
 * It reads the product's broker settings by name ({@code voucherify.broker.*}, whose defaults the
 * product's {@code BrokerConfig} declares), since this module sits below the product and cannot see it.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 500_000;
    /** The URL scheme of an in-process broker: any other URL is an external broker, and none is started. */
    private static final String IN_VM_SCHEME = "vm://";

    private final String brokerUrl;
    private final Path dataDir;
    private final String deadLetterQueue;
    private final int maxDeliveryAttempts;
    private final Duration redeliveryDelay;
    private final Duration maxRedeliveryDelay;
    private final int duplicateIdCacheSize;
    private final Instance<JmsPoolConnectionFactory> pools;
    private EmbeddedActiveMQ server;

    EmbeddedBroker(@ConfigProperty(name = "quarkus.artemis.url") String brokerUrl,
            @ConfigProperty(name = "voucherify.data-dir") Path dataDir,
            @ConfigProperty(name = "voucherify.broker.dead-letter-queue") String deadLetterQueue,
            @ConfigProperty(name = "voucherify.broker.max-delivery-attempts") int maxDeliveryAttempts,
            @ConfigProperty(name = "voucherify.broker.redelivery-delay") Duration redeliveryDelay,
            @ConfigProperty(name = "voucherify.broker.max-redelivery-delay") Duration maxRedeliveryDelay,
            @ConfigProperty(name = "voucherify.broker.duplicate-id-cache-size") int duplicateIdCacheSize,
            @Any Instance<JmsPoolConnectionFactory> pools) {
        this.brokerUrl = brokerUrl;
        this.dataDir = dataDir;
        this.deadLetterQueue = deadLetterQueue;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.redeliveryDelay = redeliveryDelay;
        this.maxRedeliveryDelay = maxRedeliveryDelay;
        this.duplicateIdCacheSize = duplicateIdCacheSize;
        this.pools = pools;
    }

    // BeforeStart, not StartupEvent: the JMS consumers start with the routes and need the broker up
    void start(@Observes BeforeStart event) throws Exception {
        if (!brokerUrl.startsWith(IN_VM_SCHEME)) {
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
                .setDeadLetterAddress(SimpleString.of(deadLetterQueue))
                // nothing here sets a time-to-live; should a message ever expire, it is parked, not dropped
                .setExpiryAddress(SimpleString.of(deadLetterQueue))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelay.toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(maxRedeliveryDelay.toMillis());
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
                .setIDCacheSize(duplicateIdCacheSize)
                .addAcceptorConfiguration("in-vm", brokerUrl)
                // declared, not left to auto-creation: a broker that parks a message on an address
                // without a queue drops it ("has no bindings"); on a fresh journal the first message
                // the broker itself parks would be lost
                .addQueueConfiguration(QueueConfiguration.of(deadLetterQueue)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true))
                .addAddressSetting("#", redelivery);
    }
}
