package io.voucherifycamel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.ConfigMapVolume;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * The routes folder as a Kubernetes ConfigMap volume, updated with kubelet's exact steps (new
 * timestamped folder, {@code ..data} symlink swapped, old folder deleted; the visible files are
 * symlinks never touched): an added key, an edited key, a broken key and a removed key each take
 * effect, and the routes' hash follows. (A watcher of file events on the visible files, such as Camel's
 * own, which RouteFolder replaced, sees none of these steps for an edited key.)
 */
@QuarkusTest
@TestProfile(ConfigMapReloadTest.Profile.class)
class ConfigMapReloadTest {

    static final Path VOLUME = Path.of("target", "configmap-" + UUID.randomUUID()).toAbsolutePath();
    static ConfigMapVolume volume;

    /** The shipped routes mounted as a ConfigMap volume. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            volume = new ConfigMapVolume(VOLUME, shipped());
            return Map.of("voucherify.routes-dir", VOLUME.toString());
        }
    }

    private static final Duration RELOAD = Duration.ofSeconds(20);

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void everyKindOfConfigMapUpdateIsSeen() throws Exception {
        String shippedHash = hash();
        Map<String, String> files = shipped();

        // an added key
        files.put("audit.camel.yaml", TestRoutes.AUDIT_TARGET);
        volume.update(files);
        Awaitility.await("added key").atMost(RELOAD).until(() -> camel.getRoute("target-audit") != null);
        // the route is added before the new hash is published: wait for that too
        Awaitility.await("hash of the added key").atMost(RELOAD).until(() -> !shippedHash.equals(hash()));
        String addedHash = hash();

        // an edited key: the visible dispatch.camel.yaml symlink is not touched, only ..data moves
        files.put("dispatch.camel.yaml", files.get("dispatch.camel.yaml").replace("constant: events-queue", "constant: events-queue,audit"));
        volume.update(files);
        Awaitility.await("edited key").atMost(RELOAD).until(this::freshEventReachesAudit);
        Awaitility.await("hash of the edited key").atMost(RELOAD).until(() -> !addedHash.equals(hash()));

        // a broken key: refused, the edited routes keep serving
        double failures = metrics.get("voucherify.routes.reload.failures").counter().count();
        String servingHash = hash();
        Map<String, String> broken = new HashMap<>(files);
        broken.put("dispatch.camel.yaml", "- route:\n    id: dispatch\n    from: [unclosed\n");
        volume.update(broken);
        Awaitility.await("broken key refused").atMost(RELOAD)
                .until(() -> metrics.get("voucherify.routes.reload.failures").counter().count() > failures);
        assertEquals(servingHash, hash(), "the refused file changed nothing");
        Awaitility.await("edited routes still serving").atMost(RELOAD).until(this::freshEventReachesAudit);

        // a removed key, with the dispatch rules back as shipped
        volume.update(shipped());
        Awaitility.await("removed key").atMost(RELOAD).until(() -> camel.getRoute("target-audit") == null);
        Awaitility.await("shipped hash").atMost(RELOAD).until(() -> shippedHash.equals(hash()));
    }

    private boolean freshEventReachesAudit() throws Exception {
        ObjectNode event = Webhooks.otherEvent();
        Webhooks.post(event).then().statusCode(202);
        boolean audited = Broker.receive(jms, TestRoutes.AUDIT_QUEUE, Webhooks.eventId(event), Duration.ofSeconds(2)) != null;
        assertNotNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), Duration.ofSeconds(10)));
        return audited;
    }

    private String hash() {
        return metrics.get("voucherify.routes.info").gauge().getId().getTag("hash");
    }

    static Map<String, String> shipped() {
        try {
            Map<String, String> files = new HashMap<>();
            for (String name : new String[] { "dispatch.camel.yaml", "targets.camel.yaml" }) {
                files.put(name, Files.readString(Path.of("routes", name)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
