package io.voucherifycamel.delivery;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.MailProfile;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/**
 * The SMTP server goes away: a short outage only delays the mail, while the other events go on
 * undelayed; a long one parks it in the dead-letter queue, from where the admin API replays it once.
 * (MailProfile: 8 retries, 200 ms doubling to at most 1 s.)
 */
@QuarkusTest
@TestProfile(MailProfile.class)
class SmtpOutageTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @Inject
    Database database;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @AfterEach
    void smtpBack() {
        GreenMailResource.halt();
        GreenMailResource.begin();
    }

    @Test
    void mailSentDuringAShortOutageArrivesOnceWhenTheServerIsBackAndHoldsUpNothing() throws Exception {
        GreenMailResource.halt();
        double retriesBefore = retries();
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);
        // the mail target failed once and the mail waits in the broker for its next attempt
        Awaitility.await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(20)).until(() -> retries() > retriesBefore);

        // the mails behind it on the mail target's queue, of the same card (one JMS group, so one
        // consumer), are each tried while the first waits for its next attempt: none waits behind it.
        // A retry that held the consumer would try them only once the first was parked (~6 s).
        List<ObjectNode> behind = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode mail = Webhooks.gift("Refund " + i, "MANUAL");
            Webhooks.post(mail).then().statusCode(202);
            behind.add(mail);
        }
        Awaitility.await("the mails behind it tried while it waits").atMost(ARRIVAL).pollInterval(Duration.ofMillis(100))
                .until(() -> behind.stream().allMatch(mail -> "RETRYING".equals(mailStatus(Webhooks.eventId(mail)))));
        assertEquals("RETRYING", mailStatus(Webhooks.eventId(event)), "the first mail still waits for its next attempt");

        // meanwhile, other events flow to the other targets, undelayed
        List<String> others = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode other = Webhooks.gift("top-up", i % 2 == 0 ? "AUTOMATIC" : null);
            Webhooks.post(other).then().statusCode(202);
            others.add(Webhooks.transactionId(other));
        }
        Awaitility.await("the others in the ledger").atMost(Duration.ofSeconds(10))
                .until(() -> {
                    for (String other : others) {
                        if (ledgerRows(other) != 1) {
                            return false;
                        }
                    }
                    return true;
                });

        // read after the server is back, from every store it had: one mail each, none repeated
        GreenMailResource.begin();
        Awaitility.await().atMost(ARRIVAL).until(() -> ledgerRows(tx) == 1);
        Awaitility.await().atMost(ARRIVAL).until(() -> GreenMailResource.mailsFor(tx).size() == 1
                && behind.stream().allMatch(mail -> GreenMailResource.mailsFor(Webhooks.transactionId(mail)).size() == 1));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> GreenMailResource.mailsFor(tx).size() == 1
                        && behind.stream().allMatch(mail -> GreenMailResource.mailsFor(Webhooks.transactionId(mail)).size() == 1));
    }

    /** The finance-email outcome of an event in the event history, or null while there is none. */
    private static String mailStatus(String eventId) {
        List<Map<String, Object>> targets = Admin.admin().queryParam("event_id", eventId).get("/admin/events").then().statusCode(200)
                .extract().jsonPath().getList("[0].targets");
        if (targets == null) {
            return null;
        }
        return targets.stream().filter(t -> "finance-email".equals(t.get("target"))).map(t -> String.valueOf(t.get("status")))
                .findFirst().orElse(null);
    }

    @Test
    void mailThatKeepsFailingIsDeadLetteredThenReplayedOnce() throws Exception {
        GreenMailResource.halt();
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        String tx = Webhooks.transactionId(event);
        Webhooks.post(event).then().statusCode(202);

        Map<String, Object> entry = Awaitility.await("dead-lettered").atMost(ARRIVAL).until(() -> deadLetterFor(tx), found -> found != null);
        assertEquals("finance-email", entry.get("target"));
        assertEquals(1, ledgerRows(tx), "the other target was delivered, once");

        GreenMailResource.halt();
        GreenMailResource.begin();
        Admin.admin().post("/admin/dead-letters/{id}/replay", entry.get("id")).then()
                .statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1));

        Awaitility.await().atMost(ARRIVAL).until(() -> GreenMailResource.mailsFor(tx).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> GreenMailResource.mailsFor(tx).size() == 1 && deadLetterFor(tx) == null);
        assertEquals(1, ledgerRows(tx));
    }

    @Test
    void adminApiRequiresCredentials() {
        io.restassured.RestAssured.given().get("/admin/dead-letters").then().statusCode(401);
        io.restassured.RestAssured.given().auth().preemptive().basic(Admin.USER, "wrong").get("/admin/dead-letters").then()
                .statusCode(401);
        io.restassured.RestAssured.given().post("/admin/dead-letters/replay").then().statusCode(401);
        Admin.admin().get("/admin/dead-letters").then().statusCode(200);
    }

    @Test
    void quarantinedBodiesAreListedAndAReplayThatStillCannotBeReadKeepsThem() {
        String legacy = "{\"id\":\"evt_" + Webhooks.unique() + "\",\"object\":\"event\",\"webhook_id\":\"wh_1\",\"type\":\"voucher.created\",\"data\":{}}";
        String id = Webhooks.post(legacy, Webhooks.SECRET).then().statusCode(202).extract().path("quarantine_id");

        Admin.admin().get("/admin/quarantine").then().statusCode(200).body("id", hasItem(id));
        Admin.admin().post("/admin/quarantine/{id}/replay", id).then().statusCode(200)
                .body("results[0].status", org.hamcrest.Matchers.equalTo("still-unprocessable"))
                .body("results[0].reason", org.hamcrest.Matchers.equalTo("legacy-envelope"));
        Admin.admin().get("/admin/quarantine").then().body("id", hasItem(id));
        io.restassured.RestAssured.given().get("/admin/quarantine").then().statusCode(401);
    }

    private Map<String, Object> deadLetterFor(String transactionId) {
        List<Map<String, Object>> entries = Admin.admin().get("/admin/dead-letters").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return entries.stream().filter(e -> transactionId.equals(e.get("transaction_id"))).findFirst().orElse(null);
    }

    private double retries() {
        var counter = metrics.find("voucherify.deliveries.retried").tags("target", "finance-email").counter();
        return counter == null ? 0 : counter.count();
    }

    private int ledgerRows(String transactionId) throws Exception {
        return Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", transactionId);
    }
}
