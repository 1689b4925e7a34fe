package io.voucherifycamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.voucherifycamel.it.AppProcess;
import io.voucherifycamel.it.MavenBuild;

/**
 * Start-up of the packaged jar on embedded defaults (docs/benchmarks.md, "Start-up"): the time from
 * launching the process to the first 200 from /q/health/ready, on a fresh data folder (the schema
 * and the broker journal are created) and then restarted on it, as a rollout restarts a pod. Quarkus'
 * own per-step start-up times (quarkus.debug.print-startup-times) of the first start say where the
 * time goes.
 * <p>
 * The floor, in the same run on the same machine: the two smallest applications on the product's
 * platform ({@code src/test/startup-floor}, built here by Maven): Quarkus with SmallRye Health only,
 * and the same plus Camel Quarkus with one platform-http route. No start-up of the product can be
 * quicker than the second; it says how much of the product's time is the framework's own.
 * <p>
 * Last, the product with a dynamic class-data sharing archive (JDK 17), written as the JVM image writes
 * it ({@code deploy/docker/cds-archive.sh}) and given with {@code -XX:SharedArchiveFile}.
 * <p>
 * With {@code -Dbench.aot=true} (JDK 25, with {@code -Dbench.java}), then JDK 25's one-step AOT cache:
 * one start with {@code -XX:AOTCacheOutput}, three with {@code -XX:AOTCache}.
 * <p>
 * Part of {@code ./mvnw verify -Pbench}; alone: {@code ./mvnw verify -Pbench -Dit.test=StartupBench}.
 */
class StartupBench {

    private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final Path FLOOR_PROJECT = Path.of("src/test/startup-floor/pom.xml");

    @Test
    void timeToReady() throws Exception {
        int restarts = Integer.getInteger("bench.restarts", 3);
        Path work = Files.createTempDirectory("voucherify-startup");
        List<String> report = new ArrayList<>();

        for (String floor : List.of("bare", "camel")) {
            Path jar = buildFloor(floor, work);
            for (int run = 0; run <= restarts; run++) {
                long ready = timeToReady(jar, Map.of(), work.resolve("floor-" + floor + "-" + run + ".log"));
                report.add(String.format("%-34s ready after %5d ms",
                        (floor.equals("bare") ? "floor: Quarkus + health" : "floor: + Camel, one HTTP route") + ", run " + (run + 1),
                        ready));
            }
        }

        Map<String, String> env = AppProcess.env("VOUCHERIFY_WEBHOOK_SECRETS", "bench-secret",
                "VOUCHERIFY_DATA_DIR", work.resolve("data").toString(), // read as a system property before any configuration exists, so through the JVM options
                "JAVA_TOOL_OPTIONS", "-Dquarkus.debug.print-startup-times=true");
        Path product = Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar"));
        for (int run = 0; run <= restarts; run++) {
            Path log = work.resolve("app-" + run + ".log");
            long ready = timeToReady(product, env, log);
            String text = Files.readString(log);
            Matcher started = STARTED.matcher(text);
            report.add(String.format("%-34s ready after %5d ms (Quarkus: started in %s s)",
                    run == 0 ? "product, fresh data folder" : "product, restart " + run + " on that folder", ready,
                    started.find() ? started.group(1) : "?"));
            if (run == 0) {
                report.add("  slowest start-up steps of the first start:");
                List<String[]> steps = new ArrayList<>();
                Matcher step = STEP.matcher(text);
                while (step.find()) {
                    steps.add(new String[] { step.group(1), step.group(2) });
                }
                steps.stream().sorted(Comparator.comparingInt((String[] s) -> Integer.parseInt(s[1])).reversed()).limit(8)
                        .forEach(s -> report.add(String.format("    %6s ms  %s", s[1], s[0])));
            }
        }
        // JDK 17's dynamic class-data sharing, as the JVM image does it (deploy/docker/cds-archive.sh):
        // one start writes the classes it loaded to an archive as it exits; later starts map them
        Path archive = work.resolve("app-cds.jsa");
        ProcessBuilder training = new ProcessBuilder("bash", "deploy/docker/cds-archive.sh", product.toString(), archive.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("app-cds-training.log").toFile());
        training.environment().put("JAVA", AppProcess.java());
        if (training.start().waitFor() != 0) {
            throw new IllegalStateException("no archive written:\n" + Files.readString(work.resolve("app-cds-training.log")));
        }
        Map<String, String> shared = new HashMap<>(env);
        shared.put("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive);
        for (int run = 1; run <= restarts; run++) {
            long ready = timeToReady(product, shared, work.resolve("app-cds-" + run + ".log"));
            report.add(String.format("%-34s ready after %5d ms", "product, CDS archive, restart " + run, ready));
        }
        if (Boolean.getBoolean("bench.aot")) {
            // JDK 25's one-step AOT cache (JEP 514), as a new user would try it on the fast-jar: one start
            // with -XX:AOTCacheOutput records and, at exit, writes the cache; later starts map it
            Path cache = work.resolve("app.aot");
            Map<String, String> recording = new HashMap<>(env);
            recording.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " -XX:AOTCacheOutput=" + cache);
            long start = System.nanoTime();
            try (AppProcess app = AppProcess.launch(product, recording, work.resolve("app-aot-training.log"))) {
                while (!app.isReady()) {
                    if (!app.isAlive() || System.nanoTime() - start > Duration.ofSeconds(90).toNanos()) {
                        throw new IllegalStateException("the AOT training start failed:\n" + app.log());
                    }
                    Thread.sleep(50);
                }
                app.terminate(Duration.ofMinutes(3));
            }
            if (!Files.exists(cache)) {
                throw new IllegalStateException("no AOT cache written:\n" + Files.readString(work.resolve("app-aot-training.log")));
            }
            report.add(String.format("%-34s %5d ms (start, ready, stop and writing the cache of %d MB)", "product, AOT cache training",
                    (System.nanoTime() - start) / 1_000_000, Files.size(cache) >> 20));
            Map<String, String> cached = new HashMap<>(env);
            cached.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " -XX:AOTCache=" + cache);
            for (int run = 1; run <= restarts; run++) {
                long ready = timeToReady(product, cached, work.resolve("app-aot-" + run + ".log"));
                report.add(String.format("%-34s ready after %5d ms", "product, AOT cache, restart " + run, ready));
            }
        }

        System.out.printf("%nStartupBench %s, %d cores, every application -Xmx256m; product on embedded defaults; java %s%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), AppProcess.java());
        report.forEach(System.out::println);
    }

    /** Milliseconds from launching the jar to its first 200 from /q/health/ready; the process is then stopped. */
    private static long timeToReady(Path jar, Map<String, String> env, Path log) throws Exception {
        long start = System.nanoTime();
        try (AppProcess app = AppProcess.launch(jar, env, log)) {
            while (!app.isReady()) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("the application exited:\n" + app.log());
                }
                if (System.nanoTime() - start > Duration.ofSeconds(90).toNanos()) {
                    throw new IllegalStateException("not ready after 90 s:\n" + app.log());
                }
                Thread.sleep(10);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** Packages one floor application with the project's Maven wrapper and the product's platform version. */
    private static Path buildFloor(String floor, Path work) throws Exception {
        Path out = Path.of("target", "startup-floor", floor).toAbsolutePath();
        List<String> arguments = new ArrayList<>(List.of("-f", FLOOR_PROJECT.toString(), "package", "-Dfloor.out=" + out,
                "-Dquarkus.platform.version=" + Objects.requireNonNull(
                        System.getProperty("bench.platform.version"), "bench.platform.version (set by the bench profile)")));
        if (floor.equals("bare")) {
            arguments.add("-Dbare");
        }
        MavenBuild.run(work.resolve("build-floor-" + floor + ".log"), arguments);
        return out.resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
