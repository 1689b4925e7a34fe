package io.voucherifycamel.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.voucherifycamel.support.NativeBuildServices;

/**
 * {@link ManagementPortTest}'s assertions against the packaged jar, and against the native profile's
 * artifact with {@code -Dnative} (then on PostgreSQL and an external broker: {@link NativeBuildServices}).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeBuildServices.class)
class ManagementPortIT extends ManagementPortTest {

    private static final Pattern LISTENING = Pattern.compile("Management interface listening on https?://[^:\\s]+:(\\d+)");

    /**
     * Quarkus' integration tests learn the HTTP port the artifact chose from its log, but not the
     * management port (3.31), so it is read the same way: from the artifact's log, which the test
     * framework writes to target/quarkus.log (whichever folder the build itself uses).
     */
    @Override
    protected int managementPort() {
        try {
            Matcher listening = LISTENING.matcher(Files.readString(Path.of("target", "quarkus.log")));
            int port = -1;
            while (listening.find()) {
                port = Integer.parseInt(listening.group(1)); // the last start is this one
            }
            if (port < 0) {
                throw new IllegalStateException("the artifact's log names no management port");
            }
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
