package io.voucherifycamel.store;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voucherifycamel.db.Database;

/**
 * Knows whether the database and the broker, the two stores an acknowledgement needs, are reachable.
 * A request that fails to reach one starts an outage: logged once, counted, and from then on every
 * webhook is answered 503 at once ({@link #checkAvailable()}) instead of waiting for the store to
 * time out again, while a background probe tries the store every {@link StoreConfig#probeInterval()}.
 * The first probe that succeeds ends the outage (logged with its duration). Readiness reports it
 * ({@link StoresReadiness}).
 * <p>
 * Hand-written rather than SmallRye Fault Tolerance's circuit breaker: that one needs a window of
 * failed requests before it opens and probes with live requests (each of which may wait for a
 * timeout), and knows nothing of which store failed; this one opens on the first failure, probes in
 * the background and names the store.
 */
@ApplicationScoped
public class StoreOutages {

    private static final Logger LOG = Logger.getLogger(StoreOutages.class);

    private final Map<Store, Instant> downSince = new ConcurrentHashMap<>();
    private final Map<Store, Probe> probes = new EnumMap<>(Store.class);
    private final Map<Store, Counter> outages = new EnumMap<>(Store.class);
    private final Map<Store, Timer> durations = new EnumMap<>(Store.class);
    private final Duration interval;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "voucherify-store-probe");
        thread.setDaemon(true);
        return thread;
    });

    StoreOutages(Database database, ConnectionFactory broker, MeterRegistry registry, StoreConfig config) {
        this.interval = config.probeInterval();
        probes.put(Store.DATABASE, () -> {
            try (Connection connection = database.connection()) {
                if (!connection.isValid(1)) {
                    throw new IllegalStateException("the connection is not valid");
                }
            }
        });
        // the broker's own connection factory, not the pool, whose connections may be stale
        probes.put(Store.BROKER, () -> broker.createConnection().close());
        for (Store store : Store.values()) {
            Gauge.builder("voucherify.store.up", downSince, down -> down.containsKey(store) ? 0 : 1).tag("store", store.label())
                    .description("1 while the store is reachable, 0 during an outage").register(registry);
            outages.put(store, Counter.builder("voucherify.store.outages").tag("store", store.label())
                    .description("Outages of the store seen by the webhook").register(registry));
            durations.put(store, Timer.builder("voucherify.store.outage.duration").tag("store", store.label())
                    .description("How long each outage lasted").register(registry));
        }
    }

    /** On the request path: answered at once with 503 while a store is known to be down. */
    public void checkAvailable() {
        for (Store store : Store.values()) {
            if (downSince.containsKey(store)) {
                throw new StoreUnavailable(store);
            }
        }
    }

    /** A request could not reach a store: if this starts an outage, it is logged and probing begins. */
    public void reportFailure(Throwable failure) {
        Store store = Store.of(failure);
        if (store != null && downSince.putIfAbsent(store, Instant.now()) == null) {
            outages.get(store).increment();
            LOG.warnf("The %s is unreachable (%s): webhooks are answered 503 until it is back; trying it every %d ms",
                    store.label(), reason(failure), interval.toMillis());
            prober.schedule(() -> probe(store), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The stores down now, with the moment each outage started. */
    public Map<Store, Instant> outages() {
        return Map.copyOf(downSince);
    }

    private void probe(Store store) {
        try {
            probes.get(store).run();
        } catch (Exception stillDown) {
            prober.schedule(() -> probe(store), interval.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Instant since = downSince.remove(store);
        Duration outage = Duration.between(since, Instant.now());
        durations.get(store).record(outage);
        LOG.infof("The %s is reachable again after %.1f s: webhooks are accepted again", store.label(), outage.toMillis() / 1000.0);
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }

    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (int depth = 0; deepest.getCause() != null && depth < 20; depth++) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? "" : ": " + deepest.getMessage().lines().findFirst().orElse("");
        return deepest.getClass().getSimpleName() + message;
    }

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }
}
