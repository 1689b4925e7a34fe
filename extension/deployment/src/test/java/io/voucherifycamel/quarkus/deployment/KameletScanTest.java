package io.voucherifycamel.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.paths.PathTree;

/**
 * Which files of the component's archive become native-image resources: kamelets/*.kamelet.yaml and
 * nothing else, from a folder (the reactor's target/classes) and from a jar alike. The component has
 * no Kamelet yet, so this is what shows the selection works before one is added.
 */
class KameletScanTest {

    private static final List<String> FILES = List.of("kamelets/voucherify-webhook-source.kamelet.yaml",
            "kamelets/voucherify-event-action.kamelet.yaml", "kamelets/README.md", "kamelets/old/other.kamelet.yaml",
            "other/elsewhere.kamelet.yaml", "io/voucherifycamel/event/WebhookEvent.class");

    private static final List<String> EXPECTED = List.of("kamelets/voucherify-event-action.kamelet.yaml",
            "kamelets/voucherify-webhook-source.kamelet.yaml");

    @Test
    void fromAFolder(@TempDir Path folder) throws IOException {
        for (String name : FILES) {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
        assertEquals(EXPECTED, VoucherifyProcessor.kamelets(PathTree.ofDirectoryOrArchive(folder)));
    }

    @Test
    void fromAJar(@TempDir Path folder) throws IOException {
        Path jar = folder.resolve("voucherify-camel-component.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : FILES) {
                out.putNextEntry(new JarEntry(name));
                out.write('x');
                out.closeEntry();
            }
        }
        assertEquals(EXPECTED, VoucherifyProcessor.kamelets(PathTree.ofDirectoryOrArchive(jar)));
    }

    @Test
    void anArchiveWithoutKamelets(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("io/voucherifycamel/event"));
        assertEquals(List.of(), VoucherifyProcessor.kamelets(PathTree.ofDirectoryOrArchive(folder)));
    }
}
