package io.voucherifycamel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.ExternalServices;
import io.voucherifycamel.support.TestBroker;
import io.voucherifycamel.support.Webhooks;

/**
 * The native build's code, as far as a machine without GraalVM can check it: {@code ./mvnw package
 * -Dnative -Dquarkus.native.enabled=false} builds what {@code -Dnative} feeds to native-image, as a
 * JVM jar, and {@code -Dquarkus.native.sources-only=true} writes native-image's input itself. It must
 * carry neither the embedded broker nor H2, give the image the resources the product reads and the
 * event model for reflection, refuse
 * the embedded defaults at start with what to set instead, and work on PostgreSQL and an external
 * broker (deploy/README.md "Native").
 */
class NativeBuildIT {

    private static final String SECRET = "it-native-secret";
    private static final Path BUILD = Path.of("target", "native-jvm").toAbsolutePath();
    private static final Path SOURCES_BUILD = Path.of("target", "native-sources").toAbsolutePath();
    private static final Path SOURCES = SOURCES_BUILD.resolve("native-sources");
    private static Path jar;

    @RegisterExtension
    static final ExternalServices SERVICES = new ExternalServices();

    @BeforeAll
    static void build() throws Exception {
        MavenBuild.run(Files.createTempFile("voucherify-native-build", ".log"), List.of("package", "-Dnative",
                "-Dquarkus.native.enabled=false", "-DskipTests", "-Dvoucherify.build-dir=" + BUILD));
        // what native-image itself would be given: the runner jar with its native-image configuration, lib/
        MavenBuild.run(Files.createTempFile("voucherify-native-sources", ".log"), List.of("package", "-Dnative",
                "-Dquarkus.native.sources-only=true", "-DskipTests", "-Dvoucherify.build-dir=" + SOURCES_BUILD));
        jar = BUILD.resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    @Test
    void carriesNeitherTheEmbeddedBrokerNorH2() throws Exception {
        for (Path folder : List.of(BUILD.resolve("quarkus-app").resolve("lib").resolve("main"), SOURCES.resolve("lib"))) {
            List<String> libraries;
            try (Stream<Path> files = Files.list(folder)) {
                libraries = files.map(file -> file.getFileName().toString()).toList();
            }
            assertFalse(libraries.stream().anyMatch(name -> name.contains("voucherify-camel-embedded")), folder + ": " + libraries);
            assertFalse(libraries.stream().anyMatch(name -> name.contains("artemis-server")), folder + ": " + libraries);
            assertFalse(libraries.stream().anyMatch(name -> name.startsWith("com.h2database")), folder + ": " + libraries);
            assertTrue(libraries.stream().anyMatch(name -> name.startsWith("org.postgresql")), folder + ": " + libraries);
            assertTrue(libraries.stream().anyMatch(name -> name.contains("artemis-jakarta-client")), folder + ": " + libraries);
        }
    }

    /** A native image holds only the resources it is told of; the console, the mail templates and the migrations are read at run time. */
    @Test
    void theNativeImageGetsEveryResourceTheProductReads() throws Exception {
        Path runner;
        try (Stream<Path> files = Files.list(SOURCES)) {
            runner = files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        List<Pattern> included;
        try (JarFile jar = new JarFile(runner.toFile())) {
            JsonNode config = Webhooks.JSON.readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/resource-config.json")));
            included = config.path("resources").path("includes").findValuesAsText("pattern").stream().map(Pattern::compile).toList();
        }
        Path resources = Path.of("src", "main", "resources");
        List<String> read;
        try (Stream<Path> files = Files.walk(resources)) {
            read = files.filter(Files::isRegularFile).map(file -> resources.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith("console/") || name.startsWith("templates/") || name.startsWith("db/")).toList();
        }
        assertFalse(read.isEmpty());
        for (String name : read) {
            assertTrue(included.stream().anyMatch(pattern -> pattern.matcher(name).matches()), name + " is left out of the native image");
        }
    }

    /**
     * Jackson binds the event model's fields and Camel's simple language calls its getters, by
     * reflection: a native image keeps them only if registered. The product declares nothing; the
     * voucherify-camel-quarkus extension registers every class of the model's package, read here
     * from the component jar native-image gets, against native-image's reflection configuration.
     */
    @Test
    void theNativeImageMayReflectOnTheWholeEventModel() throws Exception {
        Path component;
        try (Stream<Path> files = Files.list(SOURCES.resolve("lib"))) {
            component = files.filter(file -> file.getFileName().toString().startsWith("io.voucherifycamel.voucherify-camel-component-"))
                    .findFirst().orElseThrow();
        }
        List<String> model;
        try (JarFile jar = new JarFile(component.toFile())) {
            model = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("io/voucherifycamel/event/") && name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).toList();
        }
        assertTrue(model.contains("io.voucherifycamel.event.WebhookEvent"), model::toString);
        JsonNode config;
        try (JarFile jar = new JarFile(runner().toFile())) {
            config = Webhooks.JSON.readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json")));
        }
        for (String type : model) {
            boolean registered = false;
            for (JsonNode entry : config) {
                registered |= entry.path("name").asText().equals(type) && entry.path("allDeclaredFields").asBoolean()
                        && entry.path("allDeclaredMethods").asBoolean() && entry.path("allDeclaredConstructors").asBoolean();
            }
            assertTrue(registered, type + " is not registered for reflection (fields, methods, constructors) in the native image");
        }
    }

    private static Path runner() throws Exception {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
    }

    @Test
    void refusesTheEmbeddedBrokerWithWhatToSet() throws Exception {
        Map<String, String> env = instance();
        env.remove("QUARKUS_ARTEMIS_URL"); // the default: vm://0, the embedded broker
        String log = exitLog(env);
        assertTrue(log.contains("quarkus.artemis.url is vm://0, the embedded broker, but this build carries none"), log);
        assertTrue(log.contains("QUARKUS_ARTEMIS_URL=tcp://host:61616"), log);
    }

    @Test
    void refusesH2WithWhatToSet() throws Exception {
        Map<String, String> env = instance();
        env.put("VOUCHERIFY_DB_KIND", "h2");
        String log = exitLog(env);
        assertTrue(log.contains("voucherify.db.kind is h2, but this build carries no H2"), log);
        assertTrue(log.contains("VOUCHERIFY_DB_KIND=postgresql"), log);
    }

    @Test
    void acceptsAndDeliversOnPostgresqlAndAnExternalBroker() throws Exception {
        Path log = Files.createTempFile("voucherify-native-jvm", ".log");
        try (AppProcess app = AppProcess.launch(jar, instance(), log)) {
            AppProcess.waitFor("ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!app.isAlive()) {
                            throw new IllegalStateException("the application exited:\n" + app.log());
                        }
                        return app.isReady();
                    });
            assertTrue(app.log().contains("Profile native activated"), app.log());

            ObjectNode other = Webhooks.otherEvent();
            assertEquals(202, app.post(Webhooks.write(other), SECRET).statusCode());
            TextMessage delivered = Broker.receive(new ActiveMQConnectionFactory(SERVICES.brokerUrl()), Broker.EVENTS,
                    Webhooks.eventId(other), Duration.ofSeconds(20));
            assertNotNull(delivered, "delivered through the external broker");

            ObjectNode gift = Webhooks.seed();
            assertEquals(202, app.post(Webhooks.write(gift), SECRET).statusCode());
            String transactionId = Webhooks.transactionId(gift);
            AppProcess.waitFor("ledger row in PostgreSQL").atMost(Duration.ofSeconds(20))
                    .until(() -> ledgerRows(transactionId) == 1);
        }
    }

    private static String exitLog(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("voucherify-native-jvm", ".log");
        try (AppProcess app = AppProcess.launch(jar, env, log)) {
            AppProcess.waitFor("the application exits").atMost(Duration.ofSeconds(90)).until(() -> !app.isAlive());
            assertFalse(app.isReady());
            return app.log();
        }
    }

    private static int ledgerRows(String transactionId) throws Exception {
        try (Connection connection = SERVICES.postgres().getPostgresDatabase().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM balance_ledger WHERE transaction_id = ?")) {
            query.setString(1, transactionId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Map<String, String> instance() throws Exception {
        Map<String, String> env = SERVICES.environment();
        env.remove("VOUCHERIFY_DB_KIND"); // PostgreSQL is the native build's default
        env.put("VOUCHERIFY_WEBHOOK_SECRETS", SECRET);
        env.put("VOUCHERIFY_DATA_DIR", Files.createTempDirectory("voucherify-native-data").toString());
        return env;
    }
}
