package io.voucherifycamel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;


/**
 * The packages' layers (docs/how-it-works.md "Anatomy"), bottom first: a package uses only packages of the layers
 * below its own, never one beside it or above it. So no two packages depend on each other, and each
 * layer can become a module of its own. Checked twice: on the compiled classes (every type a class
 * uses, written out in full or not) and on the sources' imports, because javac copies a constant
 * (a header name) into the class that reads it, leaving no trace of where it came from.
 */
class LayersTest {

    private static final String ROOT = "io.voucherifycamel";

    /**
     * Bottom first; the packages of one layer do not use each other. Below them all are the
     * component's packages (headers, event, signature, retry, request, component, dataformat): another
     * module, which the build keeps from using the product at all.
     */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("failure", "db", "broker"),
            Set.of("store", "json"),
            Set.of("message"),
            Set.of("intake", "routing", "delivery"),
            Set.of("history", "webhook"),
            Set.of("ops"));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.",
            Pattern.MULTILINE);
    private static final Path SOURCES = Path.of("src/main/java/io/voucherifycamel");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() throws URISyntaxException {
        // the product's classes only, wherever this build writes them
        Path compiled = Path.of(io.voucherifycamel.message.EventMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().importPath(compiled);
    }

    @Test
    void everyPackageHasALayer() throws IOException {
        Set<String> layered = new TreeSet<>();
        LAYERS.forEach(layered::addAll);
        Set<String> compiled = new TreeSet<>();
        for (JavaClass type : classes) {
            compiled.add(packageOf(type.getPackageName()));
        }
        assertEquals(layered, compiled, "the packages of " + ROOT + " and those in LAYERS");
        assertEquals(layered, sourcePackages(), "the packages under " + SOURCES + " and those in LAYERS");
    }

    @Test
    void noClassUsesAPackageBesideOrAboveItsOwn() {
        List<String> violations = new ArrayList<>();
        for (String pkg : packages()) {
            String[] forbidden = notBelow(pkg).stream().map(other -> ROOT + "." + other + "..").toArray(String[]::new);
            EvaluationResult result = noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(pkg + " may use only " + below(pkg))
                    .evaluate(classes);
            violations.addAll(result.getFailureReport().getDetails());
        }
        assertTrue(violations.isEmpty(), "dependencies beside or up the layers:\n" + String.join("\n", violations));
    }

    @Test
    void noSourceImportsAPackageBesideOrAboveItsOwn() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sourceFiles()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            Matcher imported = IMPORT.matcher(Files.readString(file));
            while (imported.find()) {
                if (notBelow(pkg).contains(imported.group(1))) {
                    violations.add(SOURCES.relativize(file) + " imports " + ROOT + "." + imported.group(1) + " (" + pkg
                            + " may use only " + below(pkg) + ")");
                }
            }
        }
        assertTrue(violations.isEmpty(), "imports beside or up the layers:\n" + String.join("\n", violations));
    }

    /** Implied by the layers; checked on its own so that a cycle is reported as one, with its path. */
    @Test
    void noPackagesDependOnEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + ROOT + "." + pkg + " is in no layer of LayersTest.LAYERS");
    }

    private static Set<String> below(String pkg) {
        Set<String> below = new TreeSet<>();
        LAYERS.subList(0, layer(pkg)).forEach(below::addAll);
        return below;
    }

    /** Its own layer but itself, and every layer above. */
    private static Set<String> notBelow(String pkg) {
        Set<String> others = new TreeSet<>();
        LAYERS.subList(layer(pkg), LAYERS.size()).forEach(others::addAll);
        others.remove(pkg);
        return others;
    }

    private static Set<String> packages() {
        Set<String> all = new TreeSet<>();
        LAYERS.forEach(all::addAll);
        return all;
    }

    /** The first name under the root: io.voucherifycamel.routing.x is routing. */
    private static String packageOf(String name) {
        String below = name.equals(ROOT) ? "" : name.substring(ROOT.length() + 1);
        return below.contains(".") ? below.substring(0, below.indexOf('.')) : below;
    }

    private static Set<String> sourcePackages() throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path file : sourceFiles()) {
            found.add(SOURCES.relativize(file).getName(0).toString());
        }
        return found;
    }

    private static List<Path> sourceFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
