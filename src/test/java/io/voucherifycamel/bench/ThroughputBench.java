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
 * <pre>./mvnw verify -Pbench [-Dbench.seconds=60] [-Dbench.connections=32] [-Dbench.cards=1000] [-Dbench.external=true]</pre>
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
        int warmup = Integer.getInteger("bench.warmup", 15);
        boolean external = Boolean.getBoolean("bench.external");
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
                    AppProcess app = AppProcess.start(environment(work, stores), work.resolve("app.log"))) {
                SignedEvents events = new SignedEvents(SECRET, cards, "b" + System.currentTimeMillis() + "_");
                LoadDriver.Result warm = LoadDriver.run(vertx, app.port(), PATH, connections, warmup, events);
                boolean processing = Boolean.parseBoolean(System.getProperty("bench.processing", "true"));
                if (processing) {
                    awaitDrained(app, warm.accepted(), Duration.ofMinutes(5));
                }

                Duration cpuBefore = cpu(app);
                // the ledger's count is read before and after the load only: scraping /q/metrics every second
                // costs the product ~5 % of its CPU samples (JFR)
                double ledgerBefore = delivered(app, "ledger");
                LoadDriver.Result load = LoadDriver.run(vertx, app.port(), PATH, connections, seconds, events);
                double ledgerAtEnd = delivered(app, "ledger");
                long drainStart = System.nanoTime();
                Duration drain = processing ? awaitDrained(app, warm.accepted() + load.accepted(), Duration.ofMinutes(10)) : Duration.ZERO;
                // the app's own CPU from the start of the load until the last of its events was delivered, per
                // event: steadier from run to run than the rates, which depend on how the two cores are shared
                // with the load generator
                double cpuPerEvent = (cpu(app).minus(cpuBefore).toNanos() / 1e6) / load.accepted();
                String rss = SignedEvents.readRss(app.pid(), "VmRSS") + " (peak " + SignedEvents.readRss(app.pid(), "VmHWM") + ")";
                report.add(line(external ? "product: PostgreSQL + external Artemis" : "product: embedded defaults", load, ceiling,
                        String.format("ledger %.0f rows/s during the load, backlog drained %.1f s after it; RSS %s%n%s"
                                + "CPU of the product %.2f ms per event, %s",
                                (ledgerAtEnd - ledgerBefore) / load.seconds(), drain.toMillis() / 1000.0, rss, " ".repeat(41),
                                cpuPerEvent, processing ? "acknowledged and delivered" : "acknowledged")));
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

    /** Waits until the ledger and the mail target have delivered every accepted event; returns how long that took. */
    private static Duration awaitDrained(AppProcess app, long accepted, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < atMost.toNanos()) {
            if (delivered(app, "ledger") >= accepted && delivered(app, "finance-email") >= accepted) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(250); // each look is a scrape of /q/metrics, which costs the product CPU
        }
        throw new IllegalStateException("not drained after " + atMost + ": ledger " + delivered(app, "ledger") + ", mail "
                + delivered(app, "finance-email") + " of " + accepted);
    }

    /** CPU time the app's process has used so far (user and system, all threads). */
    private static Duration cpu(AppProcess app) {
        return ProcessHandle.of(app.pid()).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("the CPU time of process " + app.pid() + " cannot be read"));
    }

    private static double delivered(AppProcess app, String target) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String prefix = "voucherify_deliveries_total{target=\"" + target + "\"}";
            return metrics.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line
                    .substring(prefix.length()).trim())).findFirst().orElse(0);
        } catch (Exception e) {
            return 0;
        }
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
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) {
            // a profile of the app under load, for "where the time goes": jfr print --events jdk.ExecutionSample <file>
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=" + System.getProperty("bench.jfc", "profile") + ",delay=" + (Integer.getInteger("bench.warmup", 15) + 12)
                    + "s,duration=15s,filename=" + jfr);
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
