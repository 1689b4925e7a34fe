package io.voucherifycamel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The component is for any Camel integration: nothing of Quarkus, the Artemis server, H2 or Flyway
 * may reach it, not even through a dependency of a dependency. Reads the class path Surefire gives
 * the tests: the component's dependencies, direct and transitive, and its test dependencies.
 */
class PlainDependenciesTest {

    private static final List<String> FORBIDDEN = List.of("quarkus-", "artemis-server", "h2-", "flyway-");

    @Test
    void theClassPathHoldsNeitherQuarkusNorTheProductsServers() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString()).toList();
        // not a class path of one booter jar: the dependencies are there to be checked
        assertTrue(jars.stream().anyMatch(name -> name.startsWith("jackson-databind-")), () -> "no jackson-databind in " + jars);
        assertTrue(jars.stream().anyMatch(name -> name.startsWith("camel-support-")), () -> "no camel-support in " + jars);
        List<String> forbidden = jars.stream().filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).toList();
        assertEquals(List.of(), forbidden, "the component must stay plain Camel and Jackson");
    }
}
