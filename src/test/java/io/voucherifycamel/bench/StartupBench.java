package io.voucherifycamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.voucherifycamel.it.AppProcess;

/**
 * Start-up of the packaged jar on embedded defaults (README "Benchmark: start-up"): the time from
 * launching the process to the first 200 from /q/health/ready, on a fresh data folder (the schema
 * and the broker journal are created) and then restarted on it, as a rollout restarts a pod. Quarkus'
 * own per-step start-up times (quarkus.debug.print-startup-times) of the first start say where the
 * time goes. Part of {@code ./mvnw verify -Pbench}; alone: {@code ./mvnw verify -Pbench -Dit.test=StartupBench}.
 */
class StartupBench {

    private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    @Test
    void timeToReady() throws Exception {
        int restarts = Integer.getInteger("bench.restarts", 3);
        Path work = Files.createTempDirectory("voucherify-startup");
        Map<String, String> env = AppProcess.env("VOUCHERIFY_WEBHOOK_SECRETS", "bench-secret",
                "VOUCHERIFY_DATA_DIR", work.resolve("data").toString(), // read as a system property before any configuration exists, so through the JVM options
                "JAVA_TOOL_OPTIONS", "-Dquarkus.debug.print-startup-times=true");
        List<String> report = new ArrayList<>();
        for (int run = 0; run <= restarts; run++) {
            Path log = work.resolve("app-" + run + ".log");
            long start = System.nanoTime();
            try (AppProcess app = AppProcess.launch(env, log)) {
                while (!app.isReady()) {
                    if (!app.isAlive()) {
                        throw new IllegalStateException("the application exited:\n" + app.log());
                    }
                    if (System.nanoTime() - start > Duration.ofSeconds(90).toNanos()) {
                        throw new IllegalStateException("not ready after 90 s:\n" + app.log());
                    }
                    Thread.sleep(10);
                }
                long ready = (System.nanoTime() - start) / 1_000_000;
                String text = app.log();
                Matcher started = STARTED.matcher(text);
                report.add(String.format("%-34s ready after %5d ms (Quarkus: started in %s s)",
                        run == 0 ? "first start, fresh data folder" : "restart " + run + " on that folder", ready,
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
        }
        System.out.printf("%nStartupBench %s, %d cores, app -Xmx256m, embedded defaults%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors());
        report.forEach(System.out::println);
    }
}
