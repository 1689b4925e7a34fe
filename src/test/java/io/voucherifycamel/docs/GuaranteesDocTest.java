package io.voucherifycamel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/guarantees.md names the test behind each promise: every test class and method it names must
 * exist, so that a renamed or deleted test shows here instead of leaving a promise untested.
 */
class GuaranteesDocTest {

    private static final Path DOC = Path.of("docs/guarantees.md");
    /** The product's tests and those of any module beside it (component/, …). */
    private static final List<Path> TESTS = List.of(Path.of("src/test/java"), Path.of("component/src/test/java"));
    /** `Class`, `package/Class` or `Class.method` (a method is lower camel case) in backticks. */
    private static final Pattern REFERENCE = Pattern.compile("`(?:([a-z]+)/)?([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestTheTableNamesExists() throws IOException {
        Map<String, Path> classes = new TreeMap<>();
        for (Path root : TESTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(file -> file.toString().endsWith(".java"))
                            .forEach(file -> classes.put(file.getFileName().toString().replace(".java", ""), file));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        int references = 0;
        for (String line : Files.readAllLines(DOC)) {
            Matcher reference = REFERENCE.matcher(line);
            while (reference.find()) {
                references++;
                String pkg = reference.group(1);
                String name = reference.group(2);
                String method = reference.group(3);
                Path file = classes.get(name);
                if (file == null || (pkg != null && !file.getParent().getFileName().toString().equals(pkg))) {
                    missing.add(reference.group());
                } else if (method != null && !Pattern.compile("void " + method + "\\(").matcher(Files.readString(file)).find()) {
                    missing.add(reference.group());
                }
            }
        }
        assertTrue(references > 50, "the table names its tests: " + references + " references read");
        assertEquals(List.of(), missing, "named in " + DOC + " but not found under " + TESTS);
    }
}
