package io.voucherifycamel.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Webhooks;

/**
 * The admin API's event lookup, its refusals and its OpenAPI document, through HTTP only, so that the
 * same assertions run in the JVM here and against the packaged jar in {@link AdminApiIT} (and the
 * native binary wherever one can be built).
 */
@QuarkusTest
public class AdminApiTest {

    static final Duration FEW_SECONDS = Duration.ofSeconds(20);

    @Test
    void lookupSaysWhatArrivedWhichRuleMatchedAndWhatEachTargetDid() {
        ObjectNode refund = Webhooks.gift("Refund", "MANUAL");
        String body = Webhooks.write(refund);
        Webhooks.post(body, Webhooks.SECRET).then().statusCode(202);
        String transactionId = Webhooks.transactionId(refund);

        JsonPath event = awaitDelivered("transaction_id", transactionId, "finance-email", "ledger");
        assertEquals(Webhooks.eventId(refund), event.getString("[0].event_id"));
        assertEquals("manual-gift-refund", event.getString("[0].rule"));
        assertEquals("finance-email,ledger", event.getString("[0].chosen_targets"));
        assertEquals(1, event.getInt("[0].targets[0].attempts"));
        String id = event.getString("[0].id");
        String card = event.getString("[0].card");
        assertNotNull(card);

        Admin.admin().queryParam("event_id", Webhooks.eventId(refund)).get("/admin/events")
                .then().statusCode(200).body("[0].id", equalTo(id)).body("size()", equalTo(1));
        Admin.admin().queryParam("card", card).get("/admin/events")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
        Admin.admin().get("/admin/events/" + id)
                .then().statusCode(200).body("body", equalTo(body)).body("transaction_id", equalTo(transactionId));
        // a lookup that matches nothing is an empty list, not an error
        Admin.admin().queryParam("transaction_id", "vtx_never_sent").get("/admin/events")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void requestsThatCannotBeServedGetASpecificAnswer() {
        Admin.admin().get("/admin/events/no-such-event").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-event"));
        Admin.admin().post("/admin/events/no-such-event/replay").then().statusCode(404);
        Admin.admin().get("/admin/replays/no-such-job").then().statusCode(404);
        Admin.admin().queryParam("limit", "many").get("/admin/events").then().statusCode(400)
                .body("detail", containsString("limit"));
        Admin.admin().contentType("application/json").body(Map.of("from", "2026-11-26T10:00:00Z", "to", "2026-11-26T09:00:00Z"))
                .post("/admin/replays").then().statusCode(400).body("detail", containsString("from must be before to"));
        Admin.admin().contentType("application/json").body(Map.of("from", "yesterday", "to", "2026-11-26T09:00:00Z"))
                .post("/admin/replays").then().statusCode(400).body("detail", containsString("ISO-8601"));
        Admin.admin().contentType("application/json")
                .body(Map.of("from", "2026-11-26T08:00:00Z", "to", "2026-11-26T09:00:00Z", "target", "no-such-target"))
                .post("/admin/replays").then().statusCode(400).body("detail", containsString("no-such-target"));
        given().get("/admin/events").then().statusCode(401);
        given().auth().preemptive().basic(Admin.USER, "wrong").post("/admin/replays").then().statusCode(401);
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIsRefusedBeforeItRuns() {
        // the form another page can post with the browser's cached credentials, as curl shows it
        Admin.admin().header("Origin", "http://evil.example").contentType("application/x-www-form-urlencoded").formParam("x", "1")
                .post("/admin/dead-letters/replay").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("type", equalTo("urn:voucherify-camel:problem:cross-origin-request"));
        Admin.admin().header("Sec-Fetch-Site", "cross-site").post("/admin/quarantine/replay").then().statusCode(403);
        given().header("Origin", "null").post("/admin/events/no-such-event/replay").then().statusCode(403);
        // the server's own origin, and clients that send no Origin, as before
        Admin.admin().header("Origin", "http://localhost:" + RestAssured.port).header("Sec-Fetch-Site", "same-origin")
                .post("/admin/dead-letters/no-such-letter/replay").then().statusCode(200).body("replayed", equalTo(0));
        Admin.admin().post("/admin/events/no-such-event/replay").then().statusCode(404);
    }

    @Test
    void theAdminApiDescribesItselfInAnOpenApiDocument() {
        Admin.admin().get("/admin/openapi.json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/events"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/replays/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/dead-letters/{id}/replay"));
        given().get("/admin/openapi.json").then().statusCode(401);
    }

    /** Waits until the event's every given target says DELIVERED, and answers the lookup. */
    static JsonPath awaitDelivered(String by, String value, String... targets) {
        return Awaitility.await().atMost(FEW_SECONDS).until(() -> lookup(by, value), found -> {
            List<Map<String, Object>> outcomes = found.getList("[0].targets");
            return outcomes != null && outcomes.size() == targets.length
                    && outcomes.stream().allMatch(outcome -> "DELIVERED".equals(outcome.get("status")))
                    && outcomes.stream().map(outcome -> outcome.get("target")).sorted().toList().equals(Stream.of(targets).sorted().toList());
        });
    }

    static JsonPath lookup(String by, String value) {
        return Admin.admin().queryParam(by, value).get("/admin/events").then().statusCode(200).extract().jsonPath();
    }
}
