package io.voucherifycamel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.voucherifycamel.it.AppProcess;
import io.voucherifycamel.support.FreePorts;
import io.voucherifycamel.support.PostgresResource;
import io.voucherifycamel.support.TestBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The throughput benchmark (not part of the test suite; docs/benchmarks.md): a bare Vert.x server
 * answering 204 as the ceiling, then the packaged jar (-Xmx256m) on embedded defaults, or with
 * -Dbench.external=true on PostgreSQL and an external Artemis, each driven by the same closed-loop load
 * of unique signed events over many cards. Prints acknowledged/s, latency percentiles, the ratio to the
 * ceiling, ledger rows/s during the load, the time to drain the backlog after it, and resident memory.
 *
 * <p>
 * Also printed: the product's CPU and heap allocation per event, from the start of the load until the
 * last of its events was delivered ({@link AppMemory}), for the seed workload (every event a manual gift
 * refund) or with -Dbench.workload=mix the official examples' mix ({@link MixEvents}); -Dbench.java runs
 * the jar on another JDK.
 *
 * <pre>./mvnw verify -Pbench [-Dbench.seconds=60] [-Dbench.connections=32] [-Dbench.cards=1000] [-Dbench.external=true]
 *      [-Dbench.workload=seed|mix] [-Dbench.java=/usr/lib/jvm/temurin-25-jdk-amd64]</pre>
 */
class ThroughputBench {

    private static final String SECRET = "bench-secret";
    private static final String PATH = "/webhooks/voucherify";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        int connections = Integer.getInteger("bench.connections", 32);
        int cards = Integer.getInteger("bench.cards", 1000);
        int warmup = Integer.getInteger("bench.warmup", 60);
        boolean external = Boolean.getBoolean("bench.external");
        String workload = System.getProperty("bench.workload", "seed").isBlank() ? "seed" : System.getProperty("bench.workload").trim();
        Vertx vertx = Vertx.vertx();
        List<String> report = new ArrayList<>();
        try {
            HttpServer bare = vertx.createHttpServer()
                    .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(204).end()))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            LoadDriver.Result ceiling = LoadDriver.run(vertx, bare.actualPort(), PATH, connections, Math.min(seconds, 20),
                    new SignedEvents(SECRET, cards, "ceiling"));
            bare.close();
            report.add(line("bare Vert.x 204 (ceiling)", ceiling, ceiling, null));

            Path work = Files.createTempDirectory("voucherify-bench");
            try (Stores stores = external ? Stores.start(work) : null;
                    AppProcess app = AppProcess.start(environment(work, stores), work.resolve("app.log"));
                    AppMemory memory = AppMemory.attach(app.pid())) {
                Workload events = Workload.of(workload, SECRET, cards, "b" + System.currentTimeMillis() + "_");
                if (events instanceof MixEvents mix) {
                    report.add("workload mix: " + mix.composition());
                }
                LoadDriver.Result warm = LoadDriver.run(vertx, app.port(), PATH, connections, warmup, events);
                boolean processing = Boolean.parseBoolean(System.getProperty("bench.processing", "true"));
                if (processing) {
                    awaitDrained(app, events.expectedDeliveries(), Duration.ofMinutes(5));
                }

                String jfr = System.getProperty("bench.jfr", "");
                if (!jfr.isBlank()) {
                    // a profile of the app under load, for "where the time goes", started with the load (after the
                    // warm-up and its drain): jfr print --events jdk.ExecutionSample <file>
                    memory.startRecording(System.getProperty("bench.jfc", "profile"), Integer.getInteger("bench.jfr.seconds", 30), jfr);
                }
                Duration cpuBefore = cpu(app);
                AppMemory.Reading memoryBefore = memory.read();
                // the ledger's count is read before and after the load only: scraping /q/metrics every second
                // costs the product ~5 % of its CPU samples (JFR)
                double ledgerBefore = delivered(app, "ledger");
                LoadDriver.Result load = LoadDriver.run(vertx, app.port(), PATH, connections, seconds, events);
                double ledgerAtEnd = delivered(app, "ledger");
                long drainStart = System.nanoTime();
                Duration drain = processing ? awaitDrained(app, events.expectedDeliveries(), Duration.ofMinutes(10)) : Duration.ZERO;
                // the app's own CPU from the start of the load until the last of its events was delivered, per
                // event: steadier from run to run than the rates, which depend on how the two cores are shared
                // with the load generator
                double cpuPerEvent = (cpu(app).minus(cpuBefore).toNanos() / 1e6) / load.accepted();
                AppMemory.Reading memoryAfter = memory.read();
                double kilobytesPerEvent = (memoryAfter.allocatedBytes() - memoryBefore.allocatedBytes()) / 1024.0 / load.accepted();
                String rss = SignedEvents.readRss(app.pid(), "VmRSS") + " (peak " + SignedEvents.readRss(app.pid(), "VmHWM") + ")";
                report.add(line((external ? "product: PostgreSQL + external Artemis" : "product: embedded defaults") + ", " + workload, load, ceiling,
                        String.format("ledger %.0f rows/s during the load, backlog drained %.1f s after it; RSS %s%n%s"
                                + "CPU of the product %.2f ms per event, allocated %.1f KB per event, %s%n%s"
                                + "GC %d collections, %d ms; JIT compiling %d ms; app on %s",
                                (ledgerAtEnd - ledgerBefore) / load.seconds(), drain.toMillis() / 1000.0, rss, " ".repeat(41),
                                cpuPerEvent, kilobytesPerEvent, processing ? "acknowledged and delivered" : "acknowledged", " ".repeat(41),
                                memoryAfter.collections() - memoryBefore.collections(),
                                memoryAfter.collectionMillis() - memoryBefore.collectionMillis(),
                                memoryAfter.compilationMillis() - memoryBefore.compilationMillis(), AppProcess.java())));
                System.out.printf("ThroughputBench: drain waited from %d ms%n", (System.nanoTime() - drainStart) / 1_000_000);
            }
        } finally {
            vertx.close();
        }
        System.out.printf("%nThroughputBench %s, %d cores, %d connections, %d s, %d cards, app -Xmx256m%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), connections, seconds, cards);
        report.forEach(System.out::println);
    }

    private static String line(String what, LoadDriver.Result result, LoadDriver.Result ceiling, String processing) {
        return String.format("%-40s %8.0f acknowledged/s  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  ratio to ceiling %.3f%s%s",
                what, result.accepted() / result.seconds(), result.percentileMillis(50), result.percentileMillis(90),
                result.percentileMillis(99), (result.accepted() / result.seconds()) / ceiling.perSecond(),
                result.failed() + (result.answered() - result.accepted() - result.failed()) > 0
                        ? "  (" + (result.answered() - result.accepted()) + " not accepted)" : "",
                processing == null ? "" : "\n" + " ".repeat(41) + processing);
    }

    /**
     * Waits until every target has delivered what the shipped rules give it for the events sent (the
     * workload's count); returns how long that took. Fails when no target delivered anything for a minute.
     */
    private static Duration awaitDrained(AppProcess app, Map<String, Long> expected, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long progress = start;
        Map<String, Double> last = Map.of();
        while (System.nanoTime() - start < atMost.toNanos()) {
            Map<String, Double> now = deliveries(app);
            if (expected.entrySet().stream().allMatch(owed -> now.getOrDefault(owed.getKey(), 0.0) >= owed.getValue())) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (!now.equals(last)) {
                last = now;
                progress = System.nanoTime();
            } else if (System.nanoTime() - progress > Duration.ofMinutes(1).toNanos()) {
                throw new IllegalStateException("no delivery for a minute: delivered " + now + " of " + expected);
            }
            Thread.sleep(250); // each look is a scrape of /q/metrics, which costs the product CPU
        }
        throw new IllegalStateException("not drained after " + atMost + ": delivered " + last + " of " + expected);
    }

    /** CPU time the app's process has used so far (user and system, all threads). */
    private static Duration cpu(AppProcess app) {
        return ProcessHandle.of(app.pid()).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("the CPU time of process " + app.pid() + " cannot be read"));
    }

    private static double delivered(AppProcess app, String target) {
        return deliveries(app).getOrDefault(target, 0.0);
    }

    /** voucherify_deliveries_total by target, from one scrape of /q/metrics (empty if it cannot be read). */
    private static Map<String, Double> deliveries(AppProcess app) {
        Map<String, Double> delivered = new java.util.TreeMap<>();
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String prefix = "voucherify_deliveries_total{target=\"";
            metrics.lines().filter(line -> line.startsWith(prefix)).forEach(line -> {
                String target = line.substring(prefix.length(), line.indexOf('"', prefix.length()));
                delivered.put(target, Double.parseDouble(line.substring(line.indexOf('}') + 1).trim()));
            });
        } catch (Exception e) {
            // not answering: nothing known
        }
        return delivered;
    }

    private static Map<String, String> environment(Path work, Stores stores) {
        Map<String, String> env = AppProcess.env(
                "VOUCHERIFY_WEBHOOK_SECRETS", SECRET,
                "VOUCHERIFY_DATA_DIR", work.resolve("data").toString(),
                "QUARKUS_LOG_CATEGORY__IO_VOUCHERIFYCAMEL_DISPATCH__LEVEL", "WARN",
                "QUARKUS_LOG_CATEGORY__IO_VOUCHERIFYCAMEL_DELIVERY__LEVEL", "WARN");
        if (stores != null) {
            env.putAll(stores.environment());
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.processing", "true"))) {
            env.put("VOUCHERIFY_PROCESSING_ENABLED", "false"); // the acknowledgement path alone
        }
        // any VOUCHERIFY_* setting to try, e.g. -Dbench.env=VOUCHERIFY_DELIVERY_CONSUMERS=8,VOUCHERIFY_PROCESSING_CONSUMERS=8
        for (String setting : System.getProperty("bench.env", "").split(",")) {
            if (setting.contains("=")) {
                env.put(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        return env;
    }

    /** PostgreSQL (zonky) and an Artemis broker on TCP, outside the product. */
    record Stores(EmbeddedPostgres postgres, EmbeddedActiveMQ broker, String brokerUrl) implements AutoCloseable {

        static Stores start(Path work) throws Exception {
            EmbeddedPostgres postgres = PostgresResource.startPostgres();
            String url = "tcp://127.0.0.1:" + FreePorts.next();
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(TestBroker.configuration("bench-broker", work.resolve("broker"), url)
                    .setIDCacheSize(100_000)
                    .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("voucherify.dlq"))
                            .setMaxDeliveryAttempts(10).setRedeliveryDelay(1000).setRedeliveryMultiplier(2)));
            broker.start();
            return new Stores(postgres, broker, url);
        }

        Map<String, String> environment() {
            return Map.of("VOUCHERIFY_DB_KIND", "postgresql",
                    "VOUCHERIFY_DB_URL", PostgresResource.jdbcUrl(postgres),
                    "VOUCHERIFY_DB_USERNAME", "postgres",
                    "VOUCHERIFY_DB_PASSWORD", "postgres",
                    "QUARKUS_ARTEMIS_URL", brokerUrl);
        }

        @Override
        public void close() throws Exception {
            broker.stop();
            PostgresResource.close(postgres);
        }
    }
}
