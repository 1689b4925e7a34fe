package io.voucherifycamel.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.routing.FlakyTargetProfile;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Chromium;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.Webhooks;

/**
 * The operations console in a real headless Chromium: an admin logs in (the browser's basic-auth
 * challenge answered with the credentials), sees a dead letter, presses its Replay button, reads that it
 * was replayed and sees the list empty; the event is then delivered. Wrong credentials show nothing.
 * With {@code -Dconsole.screenshot=docs/console.png} it also saves what the admin saw, for docs/operations.md.
 */
@QuarkusTest
@TestProfile(ConsoleTest.Profile.class)
class ConsoleTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(15);

    /** The flaky target, parked at its first failure, on a fresh data folder: no other test's dead letters. */
    public static class Profile extends FlakyTargetProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("voucherify.delivery.max-redeliveries", "0");
            overrides.put("voucherify.metrics.queue-interval", "500ms");
            overrides.put("voucherify.data-dir", "target/fresh-data-" + UUID.randomUUID());
            return overrides;
        }
    }

    @TestHTTPResource("/admin/")
    URL console;

    private static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
        FlakyTarget.failAgain();
    }

    @Test
    void adminSeesADeadLetterAndReplaysIt() {
        ObjectNode event = Webhooks.gift("flaky-fail", "MANUAL");
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        Awaitility.await("parked").atMost(FEW_SECONDS).until(() -> DeadLetterList.of(tx, null) != null);
        // the overview the page reads: the routes' hash and the backlog the metrics sampled
        Awaitility.await("the dead letter counted").atMost(FEW_SECONDS).until(() -> Admin.admin().get("/admin/overview")
                .then().statusCode(200).extract().jsonPath().getInt("queues.find { it.queue == 'voucherify.dlq' }.messages") == 1);
        String hash = Admin.admin().get("/admin/overview").then()
                .body("routes_hash", not(emptyString()))
                .body("queues.queue", hasItems("voucherify.inbox", "voucherify.target.flaky", "voucherify.dlq"))
                .extract().path("routes_hash");

        Chromium.Page page = chromium.newPage(Admin.USER, Admin.PASSWORD);
        assertNull(page.navigate(console.toString()));
        page.waitForText("the dead letter", text -> page.text("dead-letters").contains(tx), FEW_SECONDS);
        assertEquals(200, page.status());
        assertTrue(page.text("routes-hash").contains(hash), "the routes' hash is shown");
        String backlog = page.text("backlog");
        assertTrue(backlog.contains("voucherify.target.flaky") && backlog.contains("voucherify.dlq"), backlog);
        String deadLetters = page.text("dead-letters");
        assertTrue(deadLetters.contains("flaky") && deadLetters.contains("exhausted") && deadLetters.contains("ConnectException"),
                deadLetters);
        page.waitForText("the event with its dead target", text -> page.text("events").contains(Webhooks.eventId(event))
                && page.text("events").contains("flaky DEAD") && page.text("events").contains("flaky-test"), FEW_SECONDS);
        String screenshot = System.getProperty("console.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            page.screenshot(Path.of(screenshot));
        }

        FlakyTarget.recover();
        page.evaluate("[...document.querySelectorAll('#dead-letters tbody tr')]"
                + ".find(row => row.innerText.includes('" + tx + "')).querySelector('button').click()");
        page.waitForText("the replay reported", text -> page.text("message").contains("Dead letter replayed: 1"), FEW_SECONDS);
        page.waitForText("the dead letters empty", text -> !page.text("dead-letters").contains(tx)
                && page.text("dead-letters").contains("no dead letters"), FEW_SECONDS);
        page.waitForText("the event delivered", text -> page.text("events").contains("flaky DELIVERED"), FEW_SECONDS);

        // back on its queue: delivered once, at its second attempt, and no longer parked
        Awaitility.await("delivered after the replay").atMost(FEW_SECONDS).until(() -> FlakyTarget.deliveries(tx) == 1);
        assertEquals(2, FlakyTarget.attempts(tx));
        assertNull(DeadLetterList.of(tx, null));
    }

    @Test
    void aQuarantinedBodyIsShownAndItsReplayReported() {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        ((ObjectNode) event.path("data").path("transaction")).remove("id");
        String id = Webhooks.post(event).then().statusCode(202).extract().path("quarantine_id");

        Chromium.Page page = chromium.newPage(Admin.USER, Admin.PASSWORD);
        assertNull(page.navigate(console.toString()));
        page.waitForText("the quarantined body", text -> page.text("quarantine").contains(id), FEW_SECONDS);
        assertTrue(page.text("quarantine").contains("unreadable-payload"), page.text("quarantine"));

        page.evaluate("[...document.querySelectorAll('#quarantine tbody tr')]"
                + ".find(row => row.innerText.includes('" + id + "')).querySelector('button').click()");
        // the body is unchanged, so it is still unreadable, says so, and stays
        page.waitForText("the replay reported", text -> page.text("message").contains(id + " is still unprocessable"), FEW_SECONDS);
        assertTrue(page.text("quarantine").contains(id), page.text("quarantine"));
    }

    @Test
    void openedAsAdminWithoutTheSlashAndWithCredentialsInTheAddressThePageStillReadsTheApi() {
        String hash = Admin.admin().get("/admin/overview").then().statusCode(200).extract().path("routes_hash");
        given().auth().preemptive().basic(Admin.USER, Admin.PASSWORD).redirects().follow(false).get("/admin")
                .then().statusCode(302).header("Location", "/admin/");

        // as a user may paste it: http://admin:…@host:port/admin
        String address = console.toString().replace("://", "://" + Admin.USER + ":" + Admin.PASSWORD + "@").replaceAll("/admin/$", "/admin");
        Chromium.Page page = chromium.newPage(Admin.USER, Admin.PASSWORD);
        assertNull(page.navigate(address));
        page.waitForText("the routes' hash", text -> page.text("routes-hash").contains(hash), FEW_SECONDS);
        page.waitForText("the events", text -> page.text("events").contains("no events yet") || page.text("events").contains("customer."), FEW_SECONDS);
        assertFalse(page.text("refreshed").contains("failed"), page.text("refreshed"));

        // and its Replay buttons post from there: same origin, whatever the address bar holds
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        ((ObjectNode) event.path("data").path("transaction")).remove("id");
        String id = Webhooks.post(event).then().statusCode(202).extract().path("quarantine_id");
        page.waitForText("the quarantined body", text -> page.text("quarantine").contains(id), FEW_SECONDS);
        page.evaluate("[...document.querySelectorAll('#quarantine tbody tr')]"
                + ".find(row => row.innerText.includes('" + id + "')).querySelector('button').click()");
        page.waitForText("the replay reported", text -> page.text("message").contains(id + " is still unprocessable"), FEW_SECONDS);
    }

    @Test
    void wrongCredentialsShowNothing() {
        given().get("/admin/").then().statusCode(401);
        given().get("/admin/overview").then().statusCode(401);
        given().auth().preemptive().basic(Admin.USER, "not-the-password").get("/admin/").then().statusCode(401);

        Chromium.Page page = chromium.newPage(Admin.USER, "not-the-password");
        // the body of a refusal is empty: the browser shows its own error page
        assertEquals("net::ERR_HTTP_RESPONSE_CODE_FAILURE", page.navigate(console.toString()));
        Awaitility.await("the refusal received").atMost(FEW_SECONDS).until(() -> page.status() == 401);
        String text = page.text();
        assertFalse(text.contains("Dead letters") || text.contains("Routes serving"), text);
        assertTrue(page.credentialAnswers() >= 1, "the browser was asked for credentials and given them");
    }
}
