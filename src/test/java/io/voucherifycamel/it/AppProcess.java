package io.voucherifycamel.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.voucherifycamel.signature.SignatureVerifier;

/** The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as a user runs it, as its own process. */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private AppProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar in the production profile with these environment variables, without waiting for it. */
    public static AppProcess launch(Map<String, String> environment, Path log) {
        return launch(Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar")), environment, log);
    }

    /** Starts this Quarkus jar (e.g. StartupBench's floor applications) the same way. */
    public static AppProcess launch(Path jar, Map<String, String> environment, Path log) {
        int port = io.voucherifycamel.support.FreePorts.next();
        int managementPort = io.voucherifycamel.support.FreePorts.next();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(java(), "-Xmx256m"));
        // -Dbench.jvm-options: more options for the app's JVM (space-separated), e.g. to compare JIT or GC settings
        for (String option : System.getProperty("bench.jvm-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(java.util.List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("VOUCHERIFY_") || name.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("VOUCHERIFY_ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
        env.putAll(environment);
        try {
            return new AppProcess(builder.start(), port, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The java launcher the jar runs on: the build's own JVM, or the one {@code -Dbench.java} names (a
     * JDK's folder or its {@code bin/java}), so that the benchmarks measure the same build on another JDK.
     */
    public static String java() {
        String chosen = System.getProperty("bench.java", "").trim();
        if (chosen.isEmpty()) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        Path path = Path.of(chosen);
        return Files.isDirectory(path) ? path.resolve("bin").resolve("java").toString() : path.toString();
    }

    /**
     * A wait of these tests. It does not fail on exceptions of other threads, as Awaitility does by
     * default: the in-process test servers (SMTP, broker, database) throw a connection reset in their
     * own threads when an application process is killed, which is the point of the test, not a failure.
     * (FaultRunIT failed that way once, a mail being sent when kill -9 came.)
     */
    public static ConditionFactory waitFor(String alias) {
        return Awaitility.await(alias).dontCatchUncaughtExceptions();
    }

    /** Starts the jar and waits until it reports ready. */
    public static AppProcess start(Map<String, String> environment, Path log) {
        AppProcess app = launch(environment, log);
        waitFor("ready on port " + app.port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!app.process.isAlive()) {
                        throw new IllegalStateException("the application exited:\n" + app.log());
                    }
                    return app.status("/q/health/ready") == 200;
                });
        return app;
    }

    public HttpResponse<String> post(String body, String secret) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/voucherify"))
                .header("Content-Type", "application/json")
                .header("x-voucherify-signature", SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), secret))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Kubernetes or systemd stop a process; returns how long it took to exit. */
    public Duration terminate(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("still running " + timeout + " after SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public int port() {
        return port;
    }

    /** The management interface: health and metrics. */
    public int managementPort() {
        return managementPort;
    }

    /** Whether the management interface answers 200 on /q/health/ready now. */
    public boolean isReady() {
        return status("/q/health/ready") == 200;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id, e.g. to read its memory from /proc. */
    public long pid() {
        return process.pid();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        waitFor("").atMost(timeout).until(() -> !process.isAlive());
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The status of a management path such as {@code /q/health/ready}, -1 if nothing answers. */
    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
