package io.voucherifycamel.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.request.Problem;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.Webhooks;

/** Every answer of the webhook endpoint, against the embedded Artemis broker and H2. */
@QuarkusTest
class WebhookIngressTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(15);
    private static final Duration ABSENCE = Duration.ofSeconds(2);

    @Inject
    Database database;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Test
    void acceptedEventIsAnswered202AndHandedOnUnchanged() throws Exception {
        ObjectNode event = Webhooks.otherEvent();
        String body = Webhooks.write(event);

        Webhooks.post(body, Webhooks.SECRET).then()
                .statusCode(202)
                .contentType("application/json")
                .body("status", equalTo("accepted"))
                .body("event_id", equalTo(Webhooks.eventId(event)))
                .body("event_type", equalTo("voucher.created"));

        TextMessage delivered = Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), ARRIVAL);
        assertNotNull(delivered, "the accepted event reaches voucherify.events");
        assertEquals(body, delivered.getText());
        assertEquals("voucher.created", delivered.getStringProperty("VoucherifyEventType"));
        assertEquals("wh_test", delivered.getStringProperty("VoucherifySourceId"));
    }

    @Test
    void seedEventIsAcceptedAndWrittenToTheLedger() throws Exception {
        ObjectNode seed = Webhooks.seed();
        Webhooks.post(seed).then().statusCode(202).body("event_type", equalTo("customer.voucher.gift.balance_added"));
        Awaitility.await().atMost(ARRIVAL).until(() -> ledgerRows(Webhooks.transactionId(seed)) == 1);
    }

    @Test
    void repeatedEventIsAnswered200AndNotProcessedAgain() throws Exception {
        ObjectNode event = Webhooks.otherEvent();
        Webhooks.post(event).then().statusCode(202);
        Webhooks.post(event).then().statusCode(200).body("status", equalTo("duplicate"));

        assertNotNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), ARRIVAL));
        assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(event), ABSENCE), "processed once only");
    }

    @Test
    void sameTransactionUnderANewEventIdIsADuplicate() {
        ObjectNode seed = Webhooks.seed();
        Webhooks.post(seed).then().statusCode(202);
        ((ObjectNode) seed.path("event")).put("id", "evcus_" + Webhooks.unique());
        Webhooks.post(seed).then().statusCode(200).body("status", equalTo("duplicate"));
    }

    @Test
    void sameEventIdFromAnotherWebhookIsAnotherDelivery() {
        ObjectNode event = Webhooks.envelope("voucher.created", Webhooks.JSON.createObjectNode().put("id", "v_1"));
        Webhooks.post(event).then().statusCode(202);
        ((ObjectNode) event.path("source")).put("id", "wh_another");
        Webhooks.post(event).then().statusCode(202);
    }

    @Test
    void concurrentCopiesOfOneEventAreAcceptedOnce() throws Exception {
        ObjectNode seed = Webhooks.otherEvent();
        String body = Webhooks.write(seed);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> copies = Collections.nCopies(6, () -> Webhooks.post(body, Webhooks.SECRET).statusCode());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(copies)) {
                statuses.add(status.get());
            }
            assertEquals(1, Collections.frequency(statuses, 202), statuses::toString);
            assertEquals(5, Collections.frequency(statuses, 200), statuses::toString);
        } finally {
            pool.shutdown();
        }
        assertNotNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(seed), ARRIVAL));
        assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(seed), ABSENCE));
    }

    @Test
    void previousSecretStillVerifiesDuringRotation() {
        Webhooks.post(Webhooks.write(Webhooks.seed()), Webhooks.PREVIOUS_SECRET).then().statusCode(202);
    }

    @Test
    void prettyPrintedBodyVerifiesAgainstItsCompactSignature() throws Exception {
        ObjectNode seed = Webhooks.seed();
        String pretty = Webhooks.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(seed);
        String compactSignature = SignatureVerifier.sign(Webhooks.write(seed).getBytes(StandardCharsets.UTF_8), Webhooks.SECRET);
        Webhooks.post(pretty.getBytes(StandardCharsets.UTF_8), compactSignature).then().statusCode(202);
    }

    @Test
    void missingSignatureIsRefusedWith401AndNothingIsKept() throws Exception {
        ObjectNode seed = Webhooks.otherEvent();
        given().contentType("application/json").body(Webhooks.write(seed)).post(Webhooks.PATH).then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Missing signature"))
                .body("detail", containsString("x-voucherify-signature"));
        assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(seed), ABSENCE));
        // nothing was recorded: the same event, correctly signed, is still new
        Webhooks.post(seed).then().statusCode(202);
    }

    @Test
    void wrongSignatureIsRefusedWith401WithoutRevealingTheSecret() throws Exception {
        ObjectNode seed = Webhooks.otherEvent();
        Response response = Webhooks.post(Webhooks.write(seed), "not-the-secret");
        response.then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:voucherify-camel:problem:invalid-signature"))
                .body("status", equalTo(401))
                .body(not(containsString(Webhooks.SECRET)));
        assertNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(seed), ABSENCE));
        Webhooks.post(seed).then().statusCode(202);
    }

    @Test
    void tamperedBodyIsRefusedWith401() {
        ObjectNode seed = Webhooks.seed();
        String signature = SignatureVerifier.sign(Webhooks.write(seed).getBytes(StandardCharsets.UTF_8), Webhooks.SECRET);
        ((ObjectNode) seed.path("data").path("balance")).put("amount", 400000);
        Webhooks.post(Webhooks.write(seed).getBytes(StandardCharsets.UTF_8), signature).then().statusCode(401);
    }

    @Test
    void otherMethodsAreRefusedWith405() {
        given().get(Webhooks.PATH).then()
                .statusCode(405)
                .header("Allow", "POST")
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("GET"));
        given().contentType("application/json").body("{}").put(Webhooks.PATH).then().statusCode(405);
    }

    @Test
    void nonJsonBodiesAreRefusedWith415() {
        given().contentType("text/plain").body("hello").post(Webhooks.PATH).then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("text/plain"));
        given().contentType("application/x-www-form-urlencoded").formParam("a", "1").post(Webhooks.PATH).then().statusCode(415);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Webhooks.post(big, "00").then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("1048576"));
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + Webhooks.PATH))
                .header("Content-Type", "application/json")
                .header("x-voucherify-signature", "00")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed-json     | {\"id\":\"whs_1\",\"data\":",
            "not-an-object      | [{\"type\":\"voucher.created\",\"data\":{}}]",
            "legacy-envelope    | {\"id\":\"evt_1\",\"object\":\"event\",\"webhook_id\":\"wh_1\",\"type\":\"voucher.created\",\"data\":{}}",
            "no-envelope        | {\"customer\":{\"id\":\"cust_1\"},\"amount\":400}",
            "no-event-type      | {\"id\":\"whs_1\",\"type\":\"\",\"data\":{},\"event\":{\"id\":\"evcus_1\"}}",
            "unreadable-payload | {\"type\":\"voucher.gift.balance_added\",\"data\":{\"balance\":{\"amount\":\"four\"}}}"})
    void authenticButUnprocessableBodiesAreAcceptedAndQuarantined(String reason, String body) throws Exception {
        String quarantineId = Webhooks.post(body, Webhooks.SECRET).then()
                .statusCode(202)
                .body("status", equalTo("quarantined"))
                .body("reason", equalTo(reason))
                .extract().path("quarantine_id");

        Map<String, Object> row = Tables.quarantined(database, quarantineId);
        assertNotNull(row, "the body is kept");
        assertEquals(reason, row.get("reason"));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), (byte[]) row.get("body"), "kept byte for byte");
    }

    private int ledgerRows(String transactionId) throws Exception {
        return Tables.count(database, "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?", transactionId);
    }

    @Test
    void unsignedUnprocessableBodiesAreNotQuarantined() throws Exception {
        int before = Tables.count(database, "SELECT COUNT(*) FROM quarantined_webhook WHERE reason = ?", "not-an-object");
        Webhooks.post("[1]", "wrong").then().statusCode(401);
        assertEquals(before, Tables.count(database, "SELECT COUNT(*) FROM quarantined_webhook WHERE reason = ?", "not-an-object"));
    }
}
