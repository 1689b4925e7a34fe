package io.voucherifycamel.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The shipped routes copied to a folder of their own, so a test can edit them while the product runs. */
public class ReloadProfile implements QuarkusTestProfile {

    static final Path ROUTES = Path.of("target", "reload-routes-" + UUID.randomUUID()).toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(ROUTES);
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, ROUTES.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("voucherify.routes-dir", ROUTES.toString());
    }
}
