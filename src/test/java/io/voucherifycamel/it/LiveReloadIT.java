package io.voucherifycamel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.support.Webhooks;

/** The packaged jar reads its YAML routes from a configurable folder and picks up edits while it runs. */
class LiveReloadIT {

    private static final String SECRET = "it-reload-secret";

    @Test
    void packagedJarAppliesAnEditedRuleWithoutRestart() throws Exception {
        Path routes = Files.createTempDirectory("voucherify-it-routes");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path log = Files.createTempFile("voucherify-it-reload", ".log");
        try (AppProcess app = AppProcess.start(AppProcess.env(
                "VOUCHERIFY_WEBHOOK_SECRETS", SECRET,
                "VOUCHERIFY_DATA_DIR", Files.createTempDirectory("voucherify-it-data").toString(),
                "VOUCHERIFY_ROUTES_DIR", routes.toString()), log)) {
            ObjectNode before = Webhooks.gift("Refund", "MANUAL");
            assertEquals(202, app.post(Webhooks.write(before), SECRET).statusCode());
            AppProcess.waitFor("").atMost(Duration.ofSeconds(20))
                    .until(() -> app.log().contains(Webhooks.eventId(before) + " to finance-email,ledger\n"));

            Path dispatch = routes.resolve("dispatch.camel.yaml");
            Files.writeString(dispatch, Files.readString(dispatch)
                    .replace("constant: finance-email,ledger", "constant: finance-email,ledger,events-queue"));
            AppProcess.waitFor("the edited rule is live").atMost(Duration.ofSeconds(60)).until(() -> {
                ObjectNode after = Webhooks.gift("Refund", "MANUAL");
                app.post(Webhooks.write(after), SECRET);
                return AppProcess.waitFor("").atMost(Duration.ofSeconds(10))
                        .until(() -> dispatchLine(app, Webhooks.eventId(after)), line -> line != null)
                        .endsWith(" to finance-email,ledger,events-queue");
            });
        }
    }

    private static String dispatchLine(AppProcess app, String eventId) {
        return app.log().lines().filter(line -> line.contains("Dispatching") && line.contains(eventId)).findFirst().orElse(null);
    }
}
