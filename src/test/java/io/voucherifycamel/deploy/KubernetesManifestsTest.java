package io.voucherifycamel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * deploy/kubernetes read as kustomize would read it, without kustomize or a cluster: every manifest
 * and patch parsed with the fabric8 Kubernetes model (a field the model does not know is an error),
 * every file a kustomization names exists, and what the pods depend on is there (probes on real
 * health paths and ports, every Secret, ConfigMap and volume claim they name, the routes ConfigMap
 * made of exactly the files of routes/, pinned images).
 */
class KubernetesManifestsTest {

    static final Path BASE = Path.of("deploy/kubernetes/base");
    static final Path OVERLAYS = Path.of("deploy/kubernetes/overlays");
    static final List<String> MODES = List.of("production", "live-routes", "embedded");

    @Test
    void everyManifestAndPatchParsesWithoutUnknownFields() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Kustomization kustomization : Kustomization.chains(MODES)) {
            files.addAll(kustomization.manifests());
            files.addAll(kustomization.patches());
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            for (HasMetadata resource : Manifests.parse(file)) {
                Manifests.assertNoUnknownFields(file + " " + resource.getKind(), resource);
            }
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() {
        for (Kustomization kustomization : Kustomization.chains(MODES)) {
            for (Path file : kustomization.namedFiles()) {
                Path present = file.getFileName().toString().equals("secrets.env")
                        ? file.resolveSibling("secrets.env.example") // the real one is written by the user, never committed
                        : file;
                assertTrue(Files.exists(present), kustomization.dir() + " names " + file + ", which does not exist");
            }
        }
    }

    @Test
    void probesReadTheHealthPathsOnTheManagementPort() throws IOException {
        Container container = container(deployment());
        Map<String, Integer> ports = new HashMap<>();
        container.getPorts().forEach(port -> ports.put(port.getName(), port.getContainerPort()));
        int management = Integer.parseInt(Manifests.property("quarkus.management.port"));
        assertEquals(Map.of("http", Integer.parseInt(Manifests.property("quarkus.http.port")), "management", management), ports);

        assertProbe(container.getStartupProbe(), "/q/health/started", ports);
        // liveness checks the process only: a database or broker outage must never restart the pods
        assertProbe(container.getLivenessProbe(), "/q/health/live", ports);
        assertProbe(container.getReadinessProbe(), "/q/health/ready", ports);
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @Test
    void theServiceExposesTheWebhookPortOnly() throws IOException {
        Service service = Manifests.only(Kustomization.of(BASE), Service.class);
        assertEquals(1, service.getSpec().getPorts().size(), "health and metrics stay off the Service");
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals(deployment().getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        PodDisruptionBudget budget = Manifests.only(Kustomization.of(BASE), PodDisruptionBudget.class);
        assertEquals(deployment().getSpec().getSelector().getMatchLabels(), budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void everySecretConfigMapAndClaimThePodsNameIsProvided() throws IOException {
        for (String mode : MODES) {
            List<Kustomization> chain = Kustomization.chain(OVERLAYS.resolve(mode));
            Map<String, Set<String>> secrets = new HashMap<>();
            Set<String> configMaps = new TreeSet<>();
            Set<String> claims = new TreeSet<>();
            for (Kustomization kustomization : chain) {
                secrets.putAll(kustomization.generatedSecrets());
                configMaps.addAll(kustomization.generatedConfigMaps());
                for (Path manifest : kustomization.manifests()) {
                    Manifests.parse(manifest).stream().filter(PersistentVolumeClaim.class::isInstance)
                            .forEach(claim -> claims.add(claim.getMetadata().getName()));
                }
            }
            List<Deployment> deployments = new ArrayList<>();
            for (Kustomization kustomization : chain) {
                deployments.addAll(Manifests.all(kustomization, Deployment.class));
                for (Path patch : kustomization.patches()) {
                    Manifests.parse(patch).stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).forEach(deployments::add);
                }
            }
            for (Deployment deployment : deployments) {
                for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    for (EnvVar env : container.getEnv() == null ? List.<EnvVar> of() : container.getEnv()) {
                        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                            String name = env.getValueFrom().getSecretKeyRef().getName();
                            String key = env.getValueFrom().getSecretKeyRef().getKey();
                            assertTrue(secrets.containsKey(name), mode + ": no Secret " + name + " for " + env.getName());
                            assertTrue(secrets.get(name).contains(key), mode + ": Secret " + name + " has no key " + key + " for " + env.getName());
                        }
                    }
                    if (container.getEnvFrom() != null) {
                        container.getEnvFrom().forEach(from -> assertTrue(configMaps.contains(from.getConfigMapRef().getName()),
                                mode + ": no ConfigMap " + from.getConfigMapRef().getName()));
                    }
                }
                List<Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes();
                for (Volume volume : volumes == null ? List.<Volume> of() : volumes) {
                    if (volume.getConfigMap() != null) {
                        assertTrue(configMaps.contains(volume.getConfigMap().getName()), mode + ": no ConfigMap " + volume.getConfigMap().getName());
                    }
                    if (volume.getPersistentVolumeClaim() != null) {
                        assertTrue(claims.contains(volume.getPersistentVolumeClaim().getClaimName()),
                                mode + ": no claim " + volume.getPersistentVolumeClaim().getClaimName());
                    }
                }
            }
        }
    }

    @Test
    void theRoutesConfigMapHoldsExactlyTheFilesOfRoutes() throws IOException {
        Kustomization routes = Kustomization.of(Path.of("routes"));
        Set<String> listed = new TreeSet<>();
        routes.configMapFiles("voucherify-routes").forEach(file -> listed.add(file.getFileName().toString()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")).forEach(present::add);
        }
        assertEquals(present, listed, "routes/Kustomization lists the route files");
        assertTrue(Kustomization.of(BASE).resources().contains("../../../routes"), "the base takes the routes from routes/, not a copy");
    }

    @Test
    void eachModeIsWhatItSays() throws IOException {
        Kustomization production = Kustomization.of(OVERLAYS.resolve("production"));
        assertTrue(production.replicas("voucherify-camel") >= 2);
        HorizontalPodAutoscaler hpa = Manifests.only(production, HorizontalPodAutoscaler.class);
        assertTrue(hpa.getSpec().getMinReplicas() >= 2);
        assertEquals(deployment().getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(production.settings().get("QUARKUS_ARTEMIS_URL").startsWith("tcp://"), "an external broker");
        assertEquals("postgresql", production.settings().get("VOUCHERIFY_DB_KIND"));

        Kustomization live = Kustomization.of(OVERLAYS.resolve("live-routes"));
        assertEquals(List.of("../production"), live.resources());
        assertEquals(Boolean.TRUE, live.generatorOption("voucherify-routes", "disableNameSuffixHash"),
                "edited in place: one ConfigMap name, so an edit is not a rollout");
        assertTrue(production.generatorOption("voucherify-routes", "disableNameSuffixHash") == null,
                "in production a routes edit renames the ConfigMap and rolls the pods");

        Kustomization embedded = Kustomization.of(OVERLAYS.resolve("embedded"));
        Deployment single = Manifests.parse(embedded.patches().get(0)).stream().map(Deployment.class::cast).findFirst().orElseThrow();
        assertEquals(1, single.getSpec().getReplicas());
        assertEquals("Recreate", single.getSpec().getStrategy().getType(), "the broker journal and H2 belong to one process");
    }

    @Test
    void imagesArePinnedReleases() throws IOException {
        String image = container(deployment()).getImage();
        for (String mode : List.of("production", "embedded")) {
            Map<String, Object> pinned = Kustomization.of(OVERLAYS.resolve(mode)).image(image);
            assertNotNull(pinned, mode + " sets the image " + image);
            String tag = String.valueOf(pinned.get("newTag"));
            assertTrue(tag.matches("\\d+\\.\\d+\\.\\d+.*") && !tag.contains("latest"), mode + ": " + tag);
        }
    }

    @Test
    void settingsNameRealConfiguration() throws IOException {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        for (Kustomization kustomization : Kustomization.chains(MODES)) {
            for (String name : kustomization.settings().keySet()) {
                if (name.startsWith("VOUCHERIFY_")) {
                    assertTrue(readme.contains("`" + name + "`"), kustomization.dir() + ": " + name + " is not a documented setting");
                } else if (!name.startsWith("QUARKUS_")) {
                    fail(kustomization.dir() + ": " + name + " is neither a VOUCHERIFY_ nor a QUARKUS_ setting");
                }
            }
        }
    }

    private static Deployment deployment() throws IOException {
        return Manifests.only(Kustomization.of(BASE), Deployment.class);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static void assertProbe(Probe probe, String path, Map<String, Integer> ports) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("management", probe.getHttpGet().getPort().getStrVal(), path + " is served on the management port");
        assertTrue(ports.containsKey(probe.getHttpGet().getPort().getStrVal()));
    }
}
