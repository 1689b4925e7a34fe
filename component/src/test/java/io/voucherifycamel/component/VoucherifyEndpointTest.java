package io.voucherifycamel.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.HttpCamel;
import io.voucherifycamel.support.Seed;

/**
 * {@code voucherify:webhook} on plain Camel over real HTTP (camel-platform-http-main on a random loopback
 * port): Voucherify's signature vectors, each refusal with its problem body, the seed event's headers,
 * an unprocessable body flagged, rotation, the route's own answer, and secrets kept out of the URI.
 */
class VoucherifyEndpointTest {

    static final String NEW_SECRET = "a-newer-secret";
    static final String MAIN = "hooks/main";
    static final String SMALL = "hooks/small";
    static final String ANSWERING = "hooks/answering";
    static final String FAILING = "hooks/failing";
    static final String MAIN_URI = "voucherify:webhook?path=" + MAIN + "&secrets=RAW(" + NEW_SECRET + "," + Seed.VECTOR_SECRET + ")";
    static final long SMALL_LIMIT = 64;
    static final String A1 = "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<Message> RECEIVED = new ConcurrentLinkedQueue<>();
    private static HttpCamel http;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpCamel();
        http.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(MAIN_URI).routeId("test-main").process(exchange -> RECEIVED.add(exchange.getMessage().copy()));
                from("voucherify:webhook?path=" + SMALL + "&secrets=" + Seed.VECTOR_SECRET + "&maxBodySize=" + SMALL_LIMIT)
                        .routeId("test-small").process(exchange -> RECEIVED.add(exchange.getMessage().copy()));
                // a route that answers itself: its answer is kept
                from("voucherify:webhook?path=" + ANSWERING + "&secrets=" + Seed.VECTOR_SECRET).routeId("test-answering")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                        .setBody(simple("done ${header." + VoucherifyHeaders.TRANSACTION_ID + "}"));
                // a route that fails: Voucherify must not be told 202, so that it retries
                from("voucherify:webhook?path=" + FAILING + "&secrets=" + Seed.VECTOR_SECRET).routeId("test-failing")
                        .throwException(new IllegalStateException("the sink is down"));
            }
        });
        http.camel().start();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @Test
    void documentedVectorsAreAuthenticAndReachTheRouteAsTheExactBytes() {
        Map<String, String> vectors = Map.of(
                "{\"a\":1}", A1,
                "{\n  \"a\": 1\n}", A1,
                "{\"a\\\"b\":1}", "f7cf97814a03146abedb9793f56e1dec34f618f82d10395310d053f749483ffb",
                "  message  ", "53ff92957e1427ce23ad5bda9d0c5f2f4ff384d0806b83eeacb510c842d3a358");
        for (Map.Entry<String, String> vector : vectors.entrySet()) {
            HttpResponse<String> response = http.post(MAIN, vector.getKey(), vector.getValue());
            assertEquals(202, response.statusCode(), vector.getKey());
            Message received = RECEIVED.poll();
            // none is an event envelope: each reaches the route raw and flagged, never dropped
            assertArrayEquals(vector.getKey().getBytes(StandardCharsets.UTF_8), received.getBody(byte[].class));
            assertTrue(received.getHeader(VoucherifyHeaders.UNPROCESSABLE, String.class) != null, vector.getKey());
        }
    }

    @Test
    void theSeedEventReachesTheRouteReadWithItsHeadersAndIsAcknowledged() throws Exception {
        byte[] seed = Seed.bytes();
        HttpResponse<String> response = http.post(MAIN, seed, SignatureVerifier.sign(seed, Seed.VECTOR_SECRET));
        assertEquals(202, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode ack = JSON.readTree(response.body());
        assertEquals("accepted", ack.path("status").asText());
        assertEquals("evcus_0e6feafe6952a94a55", ack.path("event_id").asText());
        assertFalse(response.headers().firstValue("x-voucherify-signature").isPresent(), "the request's headers are not echoed");
        assertFalse(response.headers().firstValue(VoucherifyHeaders.FAMILY).isPresent(), "nor the routing headers");

        Message received = RECEIVED.poll();
        WebhookEvent event = assertInstanceOf(WebhookEvent.class, received.getBody());
        assertEquals(new String(seed, StandardCharsets.UTF_8), event.getJson(), "the original JSON travels with the event");
        Map<String, Object> expected = Map.of(
                VoucherifyHeaders.EVENT_ID, "evcus_0e6feafe6952a94a55",
                VoucherifyHeaders.EVENT_TYPE, "customer.voucher.gift.balance_added",
                VoucherifyHeaders.FAMILY, "gift",
                VoucherifyHeaders.OPERATION_TYPE, "MANUAL",
                VoucherifyHeaders.REASON, "Refund",
                VoucherifyHeaders.TRANSACTION_TYPE, "CREDITS_ADDITION",
                VoucherifyHeaders.TRANSACTION_ID, "vtx_0e6feafe6952a94a54",
                VoucherifyHeaders.VOUCHER_ID, "v_oNia4nTFDqYZOWYJiMpX8ocB6p6ZaEBm",
                VoucherifyHeaders.VOUCHER_CODE, "Gift-for-you-0");
        expected.forEach((name, value) -> assertEquals(value, received.getHeader(name), name));
        assertEquals(400L, received.getHeader(VoucherifyHeaders.AMOUNT));
        assertEquals(15900L, received.getHeader(VoucherifyHeaders.BALANCE));
        assertNull(received.getHeader(VoucherifyHeaders.UNPROCESSABLE));
    }

    @Test
    void anAuthenticBodyThatCannotBeReadReachesTheRouteRawWithItsReason() throws Exception {
        byte[] legacy = "{\"object\":\"event\",\"webhook_id\":\"wh_1\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.post(MAIN, legacy, SignatureVerifier.sign(legacy, Seed.VECTOR_SECRET));
        assertEquals(202, response.statusCode());
        JsonNode ack = JSON.readTree(response.body());
        assertEquals("unprocessable", ack.path("status").asText());
        assertEquals("legacy-envelope", ack.path("reason").asText());
        Message received = RECEIVED.poll();
        assertArrayEquals(legacy, received.getBody(byte[].class));
        assertEquals("LEGACY_ENVELOPE", received.getHeader(VoucherifyHeaders.UNPROCESSABLE));
        assertTrue(received.getHeader(VoucherifyHeaders.UNPROCESSABLE_DETAIL, String.class).contains("v2018-08-01"));
        assertNull(received.getHeader(VoucherifyHeaders.FAMILY), "no facts of an event that was not read");
    }

    @Test
    void missingSignatureIs401AndReachesNothing() throws Exception {
        HttpResponse<String> response = http.post(MAIN, Seed.bytes(), null);
        assertProblem(response, 401, "missing-signature", "Missing signature", "the x-voucherify-signature header is required");
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void wrongOrOtherSecretSignatureIs401AndReachesNothing() throws Exception {
        byte[] seed = Seed.bytes();
        String detail = "the x-voucherify-signature header does not match the body for any configured webhook secret";
        assertProblem(http.post(MAIN, seed, "not-hex"), 401, "invalid-signature", "Invalid signature", detail);
        assertProblem(http.post(MAIN, seed, SignatureVerifier.sign(seed, "not-configured")), 401, "invalid-signature",
                "Invalid signature", detail);
        // a vector's signature on another body
        assertProblem(http.post(MAIN, "{\"a\":2}", A1), 401, "invalid-signature", "Invalid signature", detail);
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void everyConfiguredSecretIsAcceptedSoSecretsRotate() {
        byte[] seed = Seed.bytes();
        assertEquals(202, http.post(MAIN, seed, SignatureVerifier.sign(seed, NEW_SECRET)).statusCode());
        assertEquals(202, http.post(MAIN, seed, SignatureVerifier.sign(seed, Seed.VECTOR_SECRET)).statusCode());
        assertEquals(2, RECEIVED.size());
        // the endpoint with one secret refuses the other
        assertEquals(401, http.post(SMALL, "{}", SignatureVerifier.sign("{}".getBytes(StandardCharsets.UTF_8), NEW_SECRET)).statusCode());
    }

    @Test
    void otherMethodsAre405WithAllowPost() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(http.uri(MAIN)).GET().build());
        assertProblem(get, 405, "method-not-allowed", "Method not allowed", "Voucherify webhooks are delivered with POST, not GET");
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(http.uri(MAIN)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, put.statusCode());
        assertTrue(RECEIVED.isEmpty());
    }

    @Test
    void nonJsonBodiesAre415() throws Exception {
        byte[] seed = Seed.bytes();
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(http.uri(MAIN)).header("Content-Type", "text/plain")
                .header("x-voucherify-signature", SignatureVerifier.sign(seed, Seed.VECTOR_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build());
        assertProblem(text, 415, "unsupported-media-type", "Unsupported media type", "the body must be application/json, not text/plain");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(http.uri(MAIN))
                .POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build());
        assertEquals(415, none.statusCode());
        // a JSON subtype is JSON
        HttpResponse<String> subtype = http.send(HttpRequest.newBuilder(http.uri(MAIN)).header("Content-Type", "application/vnd.x+json")
                .header("x-voucherify-signature", SignatureVerifier.sign(seed, Seed.VECTOR_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build());
        assertEquals(202, subtype.statusCode());
        assertEquals(1, RECEIVED.size());
    }

    @Test
    void aBodyOverTheLimitIs413AndOneAtTheLimitIsNot() throws Exception {
        byte[] over = " ".repeat((int) SMALL_LIMIT + 1).getBytes(StandardCharsets.UTF_8);
        assertProblem(http.post(SMALL, over, SignatureVerifier.sign(over, Seed.VECTOR_SECRET)), 413, "payload-too-large",
                "Payload too large", "the body is larger than the configured limit of 64 bytes (maxBodySize of voucherify:webhook)");
        assertTrue(RECEIVED.isEmpty());
        byte[] atLimit = " ".repeat((int) SMALL_LIMIT).getBytes(StandardCharsets.UTF_8);
        assertEquals(202, http.post(SMALL, atLimit, SignatureVerifier.sign(atLimit, Seed.VECTOR_SECRET)).statusCode());
        // the default limit is 1 MB, as the product's voucherify.webhook.max-body-size
        byte[] overDefault = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(overDefault, (byte) ' ');
        assertEquals(413, http.post(MAIN, overDefault, "00").statusCode());
    }

    @Test
    void aRouteThatAnswersKeepsItsAnswer() {
        byte[] seed = Seed.bytes();
        HttpResponse<String> response = http.post(ANSWERING, seed, SignatureVerifier.sign(seed, Seed.VECTOR_SECRET));
        assertEquals(200, response.statusCode());
        assertEquals("done vtx_0e6feafe6952a94a54", response.body());
    }

    @Test
    void aRouteThatFailsIsNotAcknowledged() {
        byte[] seed = Seed.bytes();
        HttpResponse<String> response = http.post(FAILING, seed, SignatureVerifier.sign(seed, Seed.VECTOR_SECRET));
        assertEquals(500, response.statusCode());
    }

    @Test
    void theSecretsAreMaskedInTheEndpointsUri() {
        Endpoint endpoint = http.camel().getRoute("test-main").getEndpoint();
        assertInstanceOf(VoucherifyEndpoint.class, endpoint);
        for (String shown : List.of(endpoint.toString(), http.camel().getRoute("test-main").toString(),
                org.apache.camel.util.URISupport.sanitizeUri(endpoint.getEndpointUri()))) {
            assertFalse(shown.contains(NEW_SECRET) || shown.contains(Seed.VECTOR_SECRET), shown);
            assertTrue(shown.contains("path=" + MAIN), shown);
        }
    }

    @Test
    void anEndpointWithoutSecretsDoesNotStart() {
        try (HttpCamel other = new HttpCamel()) {
            Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
                other.camel().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("voucherify:webhook?secrets=RAW( , )").routeId("no-secret").log("never");
                    }
                });
                other.camel().start();
            });
            assertTrue(rootMessage(failure).contains("needs the secrets option"), rootMessage(failure));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String title, String detail)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("urn:voucherify-camel:problem:" + type, problem.path("type").asText());
        assertEquals(title, problem.path("title").asText());
        assertEquals(status, problem.path("status").asInt());
        assertEquals(detail, problem.path("detail").asText());
        assertFalse(response.body().contains(Seed.VECTOR_SECRET) || response.body().contains(NEW_SECRET), "no secret in an answer");
    }
}
