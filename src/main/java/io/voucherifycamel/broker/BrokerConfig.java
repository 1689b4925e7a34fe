package io.voucherifycamel.broker;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Queues and redelivery ({@code voucherify.broker.*}, or {@code VOUCHERIFY_BROKER_*}). The broker
 * itself is {@code quarkus.artemis.url}: {@code vm://0} starts the embedded one. The redelivery and
 * duplicate-detection settings apply to the embedded broker; an external broker takes them from its
 * own {@code broker.xml} (see docs/configuration.md, "Run modes").
 */
@ConfigMapping(prefix = "voucherify.broker")
public interface BrokerConfig {

    /** Where accepted events wait for processing (default in application.properties: routes read it too). */
    String inboxQueue();

    /** Where a message goes after its last failed delivery attempt. */
    @WithDefault("voucherify.dlq")
    String deadLetterQueue();

    /** Delivery attempts before a message is dead-lettered. */
    @WithDefault("10")
    int maxDeliveryAttempts();

    /** First wait before a failed message is delivered again; doubles each time up to {@link #maxRedeliveryDelay()}. */
    @WithDefault("1s")
    Duration redeliveryDelay();

    @WithDefault("5m")
    Duration maxRedeliveryDelay();

    /** How many duplicate-detection ids the broker remembers per address. */
    @WithDefault("100000")
    int duplicateIdCacheSize();
}
