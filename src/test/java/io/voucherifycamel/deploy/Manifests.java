package io.voucherifycamel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Kubernetes manifests parsed with the fabric8 model, as the API server would read them. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every document of a YAML file, each as its model class (a Deployment as a Deployment …). */
    static List<HasMetadata> parse(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                Object parsed = SERIALIZATION.unmarshal(document);
                assertTrue(parsed instanceof HasMetadata && !(parsed instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource),
                        file + ": not a Kubernetes kind the model knows: " + parsed);
                resources.add((HasMetadata) parsed);
            }
        }
        return resources;
    }

    static <T extends HasMetadata> List<T> all(Kustomization kustomization, Class<T> type) throws IOException {
        List<T> found = new ArrayList<>();
        for (Path file : kustomization.manifests()) {
            parse(file).stream().filter(type::isInstance).map(type::cast).forEach(found::add);
        }
        return found;
    }

    static <T extends HasMetadata> T only(Kustomization kustomization, Class<T> type) throws IOException {
        List<T> found = all(kustomization, type);
        assertEquals(1, found.size(), kustomization.dir() + " has one " + type.getSimpleName());
        return found.get(0);
    }

    /**
     * Fails on any field the model does not know, anywhere in the object: fabric8 keeps such fields in
     * {@code additionalProperties} instead of refusing them, as the API server would.
     */
    static void assertNoUnknownFields(String where, Object model) {
        if (model == null || !model.getClass().getName().startsWith("io.fabric8.")) {
            if (model instanceof Collection<?> items) {
                items.forEach(item -> assertNoUnknownFields(where, item));
            } else if (model instanceof Map<?, ?> entries) {
                entries.values().forEach(value -> assertNoUnknownFields(where, value));
            }
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(model);
                if (getter.getName().equals("getAdditionalProperties")) {
                    assertTrue(value == null || ((Map<?, ?>) value).isEmpty(),
                            where + ": unknown field(s) " + value + " in " + model.getClass().getSimpleName());
                } else if (value instanceof KubernetesResource || value instanceof Collection<?> || value instanceof Map<?, ?>) {
                    assertNoUnknownFields(where, value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A property of src/main/resources/application.properties, as shipped. */
    static String property(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(name);
    }
}
