package io.voucherifycamel.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The shipped routes plus a target "flaky" (the test bean {@code flakyTarget} through the product's
 * bean-target template) that receives every event whose reason starts with "flaky"; retries 5 s apart,
 * so that what happens while a message waits is easy to see.
 */
public class FlakyTargetProfile implements QuarkusTestProfile {

    /** A first rule, indented as the rules of routes/dispatch.camel.yaml. */
    static final String RULE = ""
            + "              - simple: \"${header.VoucherifyReason} starts with 'flaky'\"\n"
            + "                steps:\n"
            + "                  - setHeader:\n"
            + "                      name: VoucherifyTargets\n"
            + "                      constant: flaky\n";
    static final String TARGET = """
            # Test target: the test bean flakyTarget
            - templatedRoute:
                routeTemplateRef: bean-target
                parameters:
                  - name: name
                    value: flaky
                  - name: bean
                    value: flakyTarget
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Path routes = Path.of("target", "flaky-routes-" + UUID.randomUUID()).toAbsolutePath();
        try {
            Files.createDirectories(routes);
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, routes.resolve(file.getFileName()));
                }
            }
            Path dispatch = routes.resolve("dispatch.camel.yaml");
            String rules = Files.readString(dispatch);
            String when = "            when:\n";
            if (!rules.contains(when)) {
                throw new IllegalStateException("dispatch.camel.yaml changed shape; update the test rule");
            }
            Files.writeString(dispatch, rules.replace(when, when + RULE));
            Files.writeString(routes.resolve("flaky.camel.yaml"), TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("voucherify.routes-dir", routes.toString(),
                "voucherify.delivery.redelivery-delay", "5s",
                "voucherify.delivery.backoff-multiplier", "1",
                "voucherify.delivery.max-redelivery-delay", "5s");
    }
}
