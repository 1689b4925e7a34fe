package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Artemis broker outside the product (in the test's JVM, on a free loopback TCP port, with a
 * persistent journal), which a test can stop and start again: the product connects to it as to any
 * external broker ({@code quarkus.artemis.url=tcp://…}).
 */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static Path data;
    private static EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        port = FreePorts.next();
        try {
            data = Files.createTempDirectory("voucherify-artemis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        begin();
        return Map.of("quarkus.artemis.url", url());
    }

    @Override
    public void stop() {
        halt();
    }

    public static String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public static synchronized void begin() {
        try {
            broker = new EmbeddedActiveMQ().setConfiguration(TestBroker.configuration("test-external-broker", data, url()));
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
    }

    public static synchronized void halt() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the test broker did not stop", e);
            }
            broker = null;
        }
    }
}
