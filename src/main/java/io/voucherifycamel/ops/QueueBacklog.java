package io.voucherifycamel.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.quarkus.main.events.BeforeStop;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.QueueCounts;
import io.voucherifycamel.routing.Targets;

/**
 * How far behind the product is, per queue: {@code voucherify_queue_messages{queue}} (waiting, retries
 * scheduled for later included) and {@code voucherify_queue_oldest_age_seconds{queue}} (age of the
 * oldest of them), for the inbox, every target's queue and the dead letters. Read from the broker's
 * management address every {@code voucherify.metrics.queue-interval}, on the embedded broker and on an
 * external one alike (there the user needs the {@code manage} permission on {@code activemq.management}).
 * While the broker cannot be asked, the values are NaN: a gap in a graph, not a false zero.
 */
@ApplicationScoped
public class QueueBacklog {

    private static final Logger LOG = Logger.getLogger(QueueBacklog.class);

    private final ConnectionFactory broker;
    private final CamelContext camel;
    private final MeterRegistry registry;
    private final MetricsConfig config;
    private final String inboxQueue;
    private final String deadLetterQueue;
    private final Map<String, Double> messages = new ConcurrentHashMap<>();
    private final Map<String, Double> oldestAgeSeconds = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService sampler;
    private Connection connection;
    private boolean failing;

    QueueBacklog(ConnectionFactory broker, CamelContext camel, MeterRegistry registry, MetricsConfig config,
            BrokerConfig brokerConfig) {
        this.broker = broker;
        this.camel = camel;
        this.registry = registry;
        this.config = config;
        this.inboxQueue = brokerConfig.inboxQueue();
        this.deadLetterQueue = brokerConfig.deadLetterQueue();
    }

    // after Camel started: the embedded broker is up by then
    void start(@Observes AfterStart event) {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "voucherify-queue-backlog");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.queueInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sample, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes BeforeStop event) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        close();
    }

    /** The queues watched now: target routes come and go with live reload. */
    Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>();
        queues.add(inboxQueue);
        for (Route route : camel.getRoutes()) {
            if (route.getRouteId().startsWith(Targets.ROUTE_PREFIX)) {
                queues.add(Targets.queue(route.getRouteId().substring(Targets.ROUTE_PREFIX.length())));
            }
        }
        queues.add(deadLetterQueue);
        return queues;
    }

    /**
     * The values last sampled, per queue in {@link #queues()} order: cheap to call (no broker round trip),
     * at most {@code voucherify.metrics.queue-interval} old. NaN where the broker could not be asked or
     * the queue was not sampled yet.
     */
    public List<Sample> lastSampled() {
        List<Sample> samples = new ArrayList<>();
        for (String queue : queues()) {
            samples.add(new Sample(queue, messages.getOrDefault(queue, Double.NaN), oldestAgeSeconds.getOrDefault(queue, Double.NaN)));
        }
        return samples;
    }

    /** One queue's backlog as last read from the broker. */
    public record Sample(String queue, double messages, double oldestAgeSeconds) {
    }

    private void sample() {
        Set<String> queues = queues();
        queues.forEach(this::register);
        try {
            if (connection == null) {
                connection = broker.createConnection();
                connection.start();
            }
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TemporaryQueue replies = session.createTemporaryQueue();
                try (MessageProducer producer = session.createProducer(session.createQueue(QueueCounts.MANAGEMENT_ADDRESS));
                        MessageConsumer answers = session.createConsumer(replies)) {
                    for (String queue : queues) {
                        Object count = QueueCounts.attribute(session, producer, replies, answers, queue, "messageCount");
                        Object age = QueueCounts.attribute(session, producer, replies, answers, queue, "firstMessageAge");
                        messages.put(queue, count instanceof Number number ? number.doubleValue() : 0.0);
                        oldestAgeSeconds.put(queue, age instanceof Number number ? number.doubleValue() / 1000.0 : 0.0);
                    }
                } finally {
                    replies.delete();
                }
            }
            if (failing) {
                LOG.info("Queue backlog metrics are read from the broker again");
                failing = false;
            }
        } catch (Exception e) {
            queues.forEach(queue -> {
                messages.put(queue, Double.NaN);
                oldestAgeSeconds.put(queue, Double.NaN);
            });
            if (!failing) {
                LOG.warnf("Queue backlog metrics cannot be read from the broker (shown as NaN until they can): %s", e.getMessage());
                failing = true;
            }
            close();
        }
    }

    private void register(String queue) {
        if (registered.add(queue)) {
            Gauge.builder("voucherify.queue.messages", messages, values -> values.getOrDefault(queue, Double.NaN)).tag("queue", queue)
                    .description("Messages waiting on the queue, retries scheduled for later included").register(registry);
            Gauge.builder("voucherify.queue.oldest.age", oldestAgeSeconds, values -> values.getOrDefault(queue, Double.NaN))
                    .tag("queue", queue).baseUnit("seconds").description("Age of the oldest message waiting on the queue")
                    .register(registry);
        }
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the connection is gone either way
            }
            connection = null;
        }
    }
}
