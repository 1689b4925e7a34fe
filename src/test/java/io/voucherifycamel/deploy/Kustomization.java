package io.voucherifycamel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * One kustomization (kustomization.yaml, or the file named Kustomization) read as data: what it
 * includes, patches and generates. Only the fields this project uses are known; any other is an error,
 * so that a typo does not pass silently.
 */
record Kustomization(Path dir, Map<String, Object> content) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "labels", "resources", "images", "replicas",
            "configMapGenerator", "secretGenerator", "patches");

    static Kustomization of(Path dir) {
        for (String name : List.of("kustomization.yaml", "Kustomization")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                try {
                    Map<String, Object> content = YAML.readValue(file.toFile(), Map.class);
                    Set<String> unknown = new LinkedHashSet<>(content.keySet());
                    unknown.removeAll(KNOWN);
                    if (!unknown.isEmpty() || !"Kustomization".equals(content.get("kind"))) {
                        throw new IllegalStateException(file + ": unknown fields " + unknown + " or not a Kustomization");
                    }
                    return new Kustomization(dir.normalize(), content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no kustomization in " + dir);
    }

    /** This kustomization and every one it includes as a resource, the innermost first. */
    static List<Kustomization> chain(Path dir) {
        Kustomization top = of(dir);
        List<Kustomization> chain = new ArrayList<>();
        for (String resource : top.resources()) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                chain.addAll(chain(path));
            }
        }
        chain.add(top);
        return chain;
    }

    /** Every kustomization the overlays of these modes use, once each. */
    static Collection<Kustomization> chains(List<String> modes) {
        Map<Path, Kustomization> all = new LinkedHashMap<>();
        for (String mode : modes) {
            chain(KubernetesManifestsTest.OVERLAYS.resolve(mode)).forEach(kustomization -> all.put(kustomization.dir(), kustomization));
        }
        return all.values();
    }

    List<String> resources() {
        return strings(content.get("resources"));
    }

    /** The resource files (not directories) this kustomization includes. */
    List<Path> manifests() {
        return resources().stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    }

    List<Path> patches() {
        return maps(content.get("patches")).stream().map(patch -> dir.resolve(String.valueOf(patch.get("path")))).toList();
    }

    /** Every file named: resources, patches, generator sources. */
    List<Path> namedFiles() {
        List<Path> files = new ArrayList<>();
        resources().forEach(resource -> files.add(dir.resolve(resource)));
        files.addAll(patches());
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (Map<String, Object> entry : maps(content.get(generator))) {
                strings(entry.get("files")).forEach(file -> files.add(dir.resolve(file)));
                strings(entry.get("envs")).forEach(file -> files.add(dir.resolve(file)));
            }
        }
        return files;
    }

    List<Path> configMapFiles(String name) {
        return generator("configMapGenerator", name).map(entry -> strings(entry.get("files")).stream().map(dir::resolve).toList())
                .orElse(List.of());
    }

    Set<String> generatedConfigMaps() {
        Set<String> names = new LinkedHashSet<>();
        maps(content.get("configMapGenerator")).forEach(entry -> names.add(String.valueOf(entry.get("name"))));
        return names;
    }

    /** Secret name → its keys; a generator's env file is read from its committed .example. */
    Map<String, Set<String>> generatedSecrets() {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Map<String, Object> entry : maps(content.get("secretGenerator"))) {
            Set<String> keys = new LinkedHashSet<>();
            strings(entry.get("literals")).forEach(literal -> keys.add(literal.substring(0, literal.indexOf('='))));
            for (String env : strings(entry.get("envs"))) {
                keys.addAll(envFile(dir.resolve(env + ".example")).keySet());
            }
            secrets.put(String.valueOf(entry.get("name")), keys);
        }
        return secrets;
    }

    /** The settings this kustomization puts in the voucherify-settings ConfigMap (literals and env files). */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        generator("configMapGenerator", "voucherify-settings").ifPresent(entry -> {
            strings(entry.get("literals")).forEach(literal -> settings.put(literal.substring(0, literal.indexOf('=')),
                    literal.substring(literal.indexOf('=') + 1)));
            strings(entry.get("envs")).forEach(env -> settings.putAll(envFile(dir.resolve(env))));
        });
        return settings;
    }

    Object generatorOption(String name, String option) {
        return generator("configMapGenerator", name).map(entry -> (Map<String, Object>) entry.get("options"))
                .map(options -> options.get(option)).orElse(null);
    }

    int replicas(String deployment) {
        return maps(content.get("replicas")).stream().filter(entry -> deployment.equals(entry.get("name")))
                .map(entry -> (Integer) entry.get("count")).findFirst().orElse(-1);
    }

    Map<String, Object> image(String name) {
        return maps(content.get("images")).stream().filter(entry -> name.equals(entry.get("name"))).findFirst().orElse(null);
    }

    private java.util.Optional<Map<String, Object>> generator(String kind, String name) {
        return maps(content.get(kind)).stream().filter(entry -> name.equals(entry.get("name"))).findFirst();
    }

    static Map<String, String> envFile(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    values.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1));
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<Object>) list).stream().map(String::valueOf).toList();
    }

    private static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }
}
