package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** A copy of the shipped routes/ for one test profile, with a rule of the test's put first and files of its own added. */
public final class TestRoutes {

    private static final String WHEN = "            when:\n";

    /** The queue of {@link #AUDIT_TARGET}. */
    public static final String AUDIT_QUEUE = "voucherify.audit";

    /** A route file adding the target "audit": a copy of every event routed to it, on {@link #AUDIT_QUEUE}. */
    public static final String AUDIT_TARGET = """
            # Test target: a copy of every event routed to "audit" on the queue voucherify.audit
            - templatedRoute:
                routeTemplateRef: jms-target
                parameters:
                  - name: name
                    value: audit
                  - name: destination
                    value: queue:voucherify.audit
            """;

    private TestRoutes() {
    }

    /**
     * @param firstRule a rule, indented as the rules of routes/dispatch.camel.yaml (14 spaces before "- simple")
     * @param files     more route files, by name
     * @return the folder, for voucherify.routes-dir
     */
    public static Path copy(String firstRule, Map<String, String> files) {
        Path routes = Path.of("target", "test-routes-" + UUID.randomUUID()).toAbsolutePath();
        try {
            Files.createDirectories(routes);
            try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
                for (Path file : shipped.toList()) {
                    Files.copy(file, routes.resolve(file.getFileName()));
                }
            }
            Path dispatch = routes.resolve("dispatch.camel.yaml");
            String rules = Files.readString(dispatch);
            if (!rules.contains(WHEN)) {
                throw new IllegalStateException("dispatch.camel.yaml changed shape; update TestRoutes");
            }
            Files.writeString(dispatch, rules.replace(WHEN, WHEN + firstRule));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(routes.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes;
    }
}
