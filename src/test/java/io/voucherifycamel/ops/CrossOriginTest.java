package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.routing.FlakyTargetProfile;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Chromium;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.Webhooks;

/**
 * The admin API refuses a state-changing request that a browser sends for another origin's page
 * (cross-site request forgery with the cached basic credentials), before anything runs: every POST
 * path answers 403 with a problem document and the dead letter, the quarantined body, the mail and
 * the replay jobs stay as they were. The same requests from the console's own origin, or from a
 * client that sends no Origin (curl, scripts), work as before. Last, a real Chromium that has the
 * credentials cached opens a page from another port that submits a form to the admin API.
 */
@QuarkusTest
@TestProfile(CrossOriginTest.Profile.class)
class CrossOriginTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(20);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CROSS_ORIGIN = "urn:voucherify-camel:problem:cross-origin-request";

    /** The flaky target, parked at its first failure and never recovered here, on a data folder of its own. */
    public static class Profile extends FlakyTargetProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("voucherify.delivery.max-redeliveries", "0");
            overrides.put("voucherify.data-dir", "target/fresh-data-" + UUID.randomUUID());
            return overrides;
        }
    }

    @TestHTTPResource("/")
    URL server;

    @ConfigProperty(name = "voucherify.data-dir")
    Path dataDir;

    @Inject
    Database database;

    private static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        FlakyTarget.failAgain();
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyStateChangingRequestFromAnotherOriginIsRefusedAndChangesNothing() throws Exception {
        Effects effects = prepare();
        // what a browser sends for another page (a form, a no-cors fetch), and curl impersonating one
        List<Map<String, String>> foreign = List.of(
                Map.of("Origin", "http://evil.example"),
                Map.of("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "http://localhost:" + otherPort(), "Sec-Fetch-Site", "same-site"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "null"),
                Map.of("Origin", "null", "Sec-Fetch-Site", "cross-site"));
        for (Map<String, String> headers : foreign) {
            for (String path : effects.paths()) {
                refused(form(headers).post(path), headers + " POST " + path);
            }
            refused(Admin.admin().headers(headers).contentType("application/json").body(effects.replayJob()).post("/admin/replays"),
                    headers + " POST /admin/replays (JSON)");
        }
        effects.assertUnchanged();
    }

    @Test
    void theSameRequestsFromTheServersOwnOriginOrWithoutOriginWorkAsBefore() throws Exception {
        Effects effects = prepare();
        String self = origin();

        // the console's fetch() in Chromium: Origin and Sec-Fetch-Site both say same-origin
        form(Map.of("Origin", self, "Sec-Fetch-Site", "same-origin")).post("/admin/dead-letters/" + effects.deadLetterId + "/replay")
                .then().statusCode(200).body("replayed", equalTo(1));
        // a browser without Fetch Metadata: Origin alone
        form(Map.of("Origin", self)).post("/admin/quarantine/" + effects.quarantineId + "/replay")
                .then().statusCode(200).body("results[0].status", equalTo("accepted"));
        Admin.admin().get("/admin/quarantine").then().statusCode(200).body("id", not(hasItem(effects.quarantineId)));
        // Fetch Metadata alone
        form(Map.of("Sec-Fetch-Site", "same-origin")).post("/admin/events/" + effects.historyId + "/replay?target=finance-email&redeliver=true")
                .then().statusCode(200).body("redeliver", equalTo(true));
        Awaitility.await("the mail sent again").atMost(FEW_SECONDS).until(() -> mails(effects.transactionId) == 2);
        // typed by the user (a navigation has no page behind it)
        form(Map.of("Sec-Fetch-Site", "none")).post("/admin/dead-letters/replay").then().statusCode(200);
        // curl and scripts send neither header: as before, including the 415 of a form body to /admin/replays
        form(Map.of()).post("/admin/quarantine/replay").then().statusCode(200);
        form(Map.of()).post("/admin/replays").then().statusCode(415);
        Admin.admin().header("Origin", self).contentType("application/json").body(effects.replayJob()).post("/admin/replays")
                .then().statusCode(202);
        // the dead letter went back to its queue: the still failing target had a second attempt
        Awaitility.await("the replayed dead letter attempted again").atMost(FEW_SECONDS)
                .until(() -> FlakyTarget.attempts(effects.transactionIdParked) >= 2);
    }

    @Test
    void theRefusalNeedsNoCredentialsAndCoversEveryAdminPathAndMethod() {
        Map<String, String> evil = Map.of("Origin", "http://evil.example");
        // refused before the credentials are looked at: 403 without them or with wrong ones, not 401
        refused(given().headers(evil).contentType(FORM).formParam("x", "1").post("/admin/dead-letters/replay"), "no credentials");
        refused(given().auth().preemptive().basic(Admin.USER, "wrong").headers(evil).post("/admin/dead-letters/replay"),
                "wrong credentials");
        // paths and methods the API does not serve are refused the same way, whatever they would answer
        refused(Admin.admin().headers(evil).post("/admin/no-such-path"), "unknown path");
        refused(Admin.admin().headers(evil).put("/admin/dead-letters/replay"), "PUT");
        refused(Admin.admin().headers(evil).delete("/admin/quarantine/some-id"), "DELETE");
        refused(Admin.admin().headers(evil).patch("/admin/events/some-id"), "PATCH");
        refused(Admin.admin().headers(evil).post("/admin"), "POST /admin");
        refused(Admin.admin().headers(evil).post("/admin/"), "POST /admin/");
        // ... which they still do for a client that sends no Origin
        assertEquals(404, Admin.admin().post("/admin/no-such-path").statusCode());
        assertEquals(405, Admin.admin().put("/admin/dead-letters/replay").statusCode());

        // the host comparison: scheme, host and port of the Origin against the request's own
        refused(form(Map.of("Origin", "https://localhost:" + server.getPort())).post("/admin/dead-letters/no-such-id/replay"), "https");
        refused(form(Map.of("Origin", "http://localhost:" + otherPort())).post("/admin/dead-letters/no-such-id/replay"), "other port");
        refused(form(Map.of("Origin", "http://127.0.0.1:" + server.getPort())).post("/admin/dead-letters/no-such-id/replay"), "other host");
        refused(form(Map.of("Origin", "http://localhost")).post("/admin/dead-letters/no-such-id/replay"), "default port");
        refused(form(Map.of("Origin", "not an origin")).post("/admin/dead-letters/no-such-id/replay"), "malformed");
        form(Map.of("Origin", "http://LOCALHOST:" + server.getPort())).post("/admin/dead-letters/no-such-id/replay")
                .then().statusCode(200).body("replayed", equalTo(0));

        // reading stays open to any page: a GET changes nothing, and another origin cannot read the answer
        Admin.admin().headers(evil).header("Sec-Fetch-Site", "cross-site").get("/admin/dead-letters").then().statusCode(200);
        Admin.admin().headers(evil).get("/admin/overview").then().statusCode(200);
    }

    @Test
    void aPageFromAnotherOriginCannotReplayWithTheBrowsersCachedCredentials() throws Exception {
        ObjectNode event = Webhooks.gift("flaky-fail", "MANUAL");
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        String parked = awaitParked(tx);

        // the operator has the console open, so the browser holds the credentials for this server
        String admin = server.toString().replaceAll("/$", "");
        Chromium.Page page = chromium.newPage(Admin.USER, Admin.PASSWORD);
        assertNull(page.navigate(admin + "/admin/"));
        page.waitForText("the dead letter", text -> page.text("dead-letters").contains(tx), FEW_SECONDS);
        int challenges = page.credentialAnswers();

        // another page, on another port of the same machine, submits a form to the admin API as it loads
        String target = admin + "/admin/dead-letters/replay";
        String html = "<!DOCTYPE html><html><body><form method=\"post\" action=\"" + target + "\">"
                + "<input name=\"x\" value=\"1\"></form><script>document.forms[0].submit()</script></body></html>";
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        evil.start();
        try {
            // same site (localhost, another port) and cross-site (127.0.0.1): both are another origin
            for (String from : List.of("http://localhost:" + evil.getAddress().getPort() + "/",
                    "http://127.0.0.1:" + evil.getAddress().getPort() + "/")) {
                assertNull(page.navigate(from));
                Awaitility.await("the form submitted from " + from).atMost(FEW_SECONDS).ignoreExceptions()
                        .until(() -> page.evaluate("location.href").asText().equals(target));
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> page.status() == 403);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("the form from " + from + " was answered " + page.status() + ": " + page.text(), e);
                }
            }
        } finally {
            evil.stop(0);
        }

        // nothing was replayed: the same message is parked, the target was not tried again
        assertEquals(parked, DeadLetterList.of(tx, null).get("id"));
        assertEquals(1, FlakyTarget.attempts(tx));
        assertEquals(challenges, page.credentialAnswers(), "nobody was asked for credentials: the browser had them");

        // while the console's own Replay, in the same browser, still works
        assertNull(page.navigate(admin + "/admin/"));
        page.waitForText("the dead letter", text -> page.text("dead-letters").contains(tx), FEW_SECONDS);
        page.evaluate("[...document.querySelectorAll('#dead-letters tbody tr')]"
                + ".find(row => row.innerText.includes('" + tx + "')).querySelector('button').click()");
        page.waitForText("the replay reported", text -> page.text("message").contains("Dead letter replayed"), FEW_SECONDS);
        Awaitility.await("attempted again after the console's replay").atMost(FEW_SECONDS).until(() -> FlakyTarget.attempts(tx) == 2);
    }

    /** A dead letter, a quarantined body that a replay would now accept, and an event mailed once. */
    private Effects prepare() throws Exception {
        ObjectNode flaky = Webhooks.gift("flaky-fail", "MANUAL");
        Webhooks.post(flaky).then().statusCode(202);
        String parkedTx = Webhooks.transactionId(flaky);
        String deadLetterId = awaitParked(parkedTx);

        // quarantined as unreadable (no transaction id), then made readable, as a fixed reader would find it
        ObjectNode unreadable = Webhooks.gift("Refund", "MANUAL");
        ((ObjectNode) unreadable.path("data").path("transaction")).remove("id");
        String quarantineId = Webhooks.post(unreadable).then().statusCode(202).extract().path("quarantine_id");
        assertNotNull(quarantineId);
        replaceQuarantinedBody(quarantineId, Webhooks.write(Webhooks.gift("Refund", "MANUAL")));

        ObjectNode refund = Webhooks.gift("Refund", "MANUAL");
        Webhooks.post(refund).then().statusCode(202);
        String tx = Webhooks.transactionId(refund);
        String historyId = Awaitility.await("mailed").atMost(FEW_SECONDS)
                .until(() -> Admin.admin().queryParam("transaction_id", tx).get("/admin/events").then().statusCode(200)
                        .extract().jsonPath(), found -> "DELIVERED".equals(found.getString("[0].targets.find { it.target == 'finance-email' }.status")))
                .getString("[0].id");
        assertEquals(1, mails(tx));
        int jobs = Admin.admin().get("/admin/replays").then().statusCode(200).extract().jsonPath().getList("$").size();
        return new Effects(parkedTx, deadLetterId, quarantineId, tx, historyId, jobs);
    }

    /** What each state-changing request would change, and the check that none of it changed. */
    private final class Effects {
        final String transactionIdParked;
        final String deadLetterId;
        final String quarantineId;
        final String transactionId;
        final String historyId;
        final int jobs;

        Effects(String transactionIdParked, String deadLetterId, String quarantineId, String transactionId, String historyId, int jobs) {
            this.transactionIdParked = transactionIdParked;
            this.deadLetterId = deadLetterId;
            this.quarantineId = quarantineId;
            this.transactionId = transactionId;
            this.historyId = historyId;
            this.jobs = jobs;
        }

        /** Every POST of the admin API (AdminRoutes), with the ids that make each one do something. */
        List<String> paths() {
            return List.of("/admin/dead-letters/replay",
                    "/admin/dead-letters/" + deadLetterId + "/replay",
                    "/admin/quarantine/replay",
                    "/admin/quarantine/" + quarantineId + "/replay",
                    "/admin/events/" + historyId + "/replay?target=finance-email&redeliver=true",
                    "/admin/replays");
        }

        Map<String, Object> replayJob() {
            return Map.of("from", Instant.now().minusSeconds(3600).toString(), "to", Instant.now().plusMillis(1).toString(),
                    "target", "finance-email", "redeliver", true);
        }

        void assertUnchanged() {
            // the dead letter is the same message, and its target was not tried again
            assertEquals(deadLetterId, DeadLetterList.of(transactionIdParked, null).get("id"));
            Admin.admin().get("/admin/quarantine").then().statusCode(200).body("id", hasItem(quarantineId));
            Admin.admin().get("/admin/replays").then().statusCode(200).body("size()", equalTo(jobs));
            Admin.admin().queryParam("transaction_id", transactionId).get("/admin/events").then().statusCode(200)
                    .body("[0].targets.find { it.target == 'finance-email' }.replay_id", equalTo(null));
            // a replay would have mailed within a second or two (the mail above took less)
            Awaitility.await("no second mail").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> mails(transactionId) == 1 && FlakyTarget.attempts(transactionIdParked) == 1);
        }
    }

    private static String awaitParked(String tx) {
        return Awaitility.await("parked").atMost(FEW_SECONDS).until(() -> DeadLetterList.of(tx, null), found -> found != null)
                .get("id").toString();
    }

    private void replaceQuarantinedBody(String id, String body) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement("UPDATE quarantined_webhook SET body = ? WHERE id = ?")) {
            update.setBytes(1, body.getBytes(StandardCharsets.UTF_8));
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static RequestSpecification form(Map<String, String> headers) {
        return Admin.admin().headers(headers).contentType(FORM).formParam("x", "1");
    }

    private static void refused(io.restassured.response.Response response, String what) {
        try {
            response.then().statusCode(403).contentType("application/problem+json")
                    .body("status", equalTo(403)).body("type", equalTo(CROSS_ORIGIN)).body("detail", endsWith("."));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private String origin() {
        return "http://localhost:" + server.getPort();
    }

    private int otherPort() {
        return server.getPort() == 65535 ? 65534 : server.getPort() + 1;
    }

    private long mails(String transactionId) throws IOException {
        Path outbox = dataDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(file -> file.getFileName().toString().startsWith("finance-email_transaction_" + transactionId)).count();
        }
    }
}
