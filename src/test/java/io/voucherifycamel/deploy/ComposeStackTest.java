package io.voucherifycamel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/compose/compose.yaml read as Docker Compose reads it, without Docker: the services are there,
 * the product reaches each store by its service name, its health check reads the management port,
 * every variable it requires is in .env.example, and the images are pinned; the Dockerfiles it builds
 * from bake the routes in and run as a non-root user.
 */
class ComposeStackTest {

    static final Path COMPOSE = Path.of("deploy/compose");

    @Test
    void theStackWiresTheProductToItsStores() throws IOException {
        Map<String, Object> compose = new ObjectMapper(new YAMLFactory()).readValue(COMPOSE.resolve("compose.yaml").toFile(), Map.class);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(Set.of("app", "postgres", "artemis", "mailpit"), services.keySet());

        Map<String, String> env = (Map<String, String>) services.get("app").get("environment");
        assertEquals("postgres", URI.create(env.get("VOUCHERIFY_DB_URL").substring("jdbc:".length())).getHost());
        assertEquals("artemis", URI.create(env.get("QUARKUS_ARTEMIS_URL")).getHost());
        assertEquals("mailpit", env.get("VOUCHERIFY_EMAIL_SMTP_HOST"));
        assertEquals("postgresql", env.get("VOUCHERIFY_DB_KIND"));

        List<String> health = (List<String>) ((Map<String, Object>) services.get("app").get("healthcheck")).get("test");
        assertTrue(health.get(health.size() - 1).endsWith(":" + Manifests.property("quarkus.management.port") + "/q/health/ready"), health.toString());

        List<String> volumes = (List<String>) services.get("app").get("volumes");
        String routes = volumes.stream().filter(volume -> volume.contains(":" + env.get("VOUCHERIFY_ROUTES_DIR"))).findFirst().orElseThrow();
        assertTrue(Files.isDirectory(COMPOSE.resolve(routes.substring(0, routes.indexOf(':')))), "the routes folder is mounted: " + routes);

        Map<String, Object> build = (Map<String, Object>) services.get("app").get("build");
        assertTrue(Files.exists(COMPOSE.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile")))));

        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String image = String.valueOf(service.getValue().get("image"));
            assertTrue(image.matches(".+:[0-9v][^:]*") && !image.endsWith(":latest"), service.getKey() + ": pinned image, not " + image);
        }
    }

    @Test
    void everyRequiredVariableIsInTheExampleEnvFile() throws IOException {
        String compose = Files.readString(COMPOSE.resolve("compose.yaml"));
        Set<String> required = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertFalse(required.isEmpty());
        assertEquals(required, Kustomization.envFile(COMPOSE.resolve(".env.example")).keySet());
    }

    @Test
    void imagesBakeTheRoutesInAndRunAsNonRoot() throws IOException {
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            String text = Files.readString(Path.of("deploy/docker", dockerfile));
            assertTrue(text.contains("COPY --chown="), dockerfile);
            assertTrue(Pattern.compile("(?m)^COPY .*routes/ ").matcher(text).find(), dockerfile + " copies routes/");
            List<String> users = text.lines().filter(line -> line.startsWith("USER ")).toList();
            assertFalse(users.isEmpty());
            assertTrue(!users.get(users.size() - 1).equals("USER root") && !users.get(users.size() - 1).equals("USER 0"),
                    dockerfile + " ends as a non-root user");
            assertTrue(text.contains("EXPOSE 8080 9000"), dockerfile);
            assertTrue(Pattern.compile("(?m)^FROM \\S+:[0-9]").matcher(text).find(), dockerfile + " pins its base image");
        }
    }

    @Test
    void theJvmImageStartsWithTheArchiveItWrites() throws IOException {
        String text = Files.readString(Path.of("deploy/docker/Dockerfile.jvm"));
        Matcher written = Pattern.compile("(?m)^RUN bash (\\S+/cds-archive\\.sh) \\S+ (\\S+)$").matcher(text);
        assertTrue(written.find(), "Dockerfile.jvm runs cds-archive.sh");
        assertTrue(text.contains("COPY --chown=185 deploy/docker/cds-archive.sh " + written.group(1)), "copies the script it runs");
        assertTrue(text.contains("-XX:SharedArchiveFile=" + written.group(2) + " "), "starts with the archive written");
        assertTrue(Files.isExecutable(Path.of("deploy/docker/cds-archive.sh")));
    }
}
