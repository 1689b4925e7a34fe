package io.voucherifycamel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The component is for any Camel integration: nothing of Quarkus, the Artemis server, H2 or Flyway
 * may reach it, not even through a dependency of a dependency. Reads the class path Surefire gives
 * the tests: the component's dependencies, direct and transitive, and its test dependencies. And what
 * an application gets from it is plain Camel, platform-http's API (not an engine such as Vert.x) and
 * Jackson: its pom's dependencies outside the test scope.
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

    @Test
    void theCompileDependenciesArePlainCamelPlatformHttpAndJackson() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
        NodeList dependencies = ((Element) project.getElementsByTagName("dependencies").item(0)).getElementsByTagName("dependency");
        List<String> compile = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            NodeList scope = dependency.getElementsByTagName("scope");
            if (scope.getLength() == 0 || !scope.item(0).getTextContent().trim().equals("test")) {
                compile.add(dependency.getElementsByTagName("groupId").item(0).getTextContent().trim() + ":"
                        + dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim());
            }
        }
        assertEquals(List.of("org.apache.camel:camel-support", "com.fasterxml.jackson.core:jackson-databind",
                "org.apache.camel:camel-platform-http"), compile);
    }
}
