package io.voucherifycamel.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.HttpCamel;
import io.voucherifycamel.support.Seed;

/**
 * The Kamelet {@code voucherify-webhook-source} as the component's jar ships it (class path
 * {@code kamelets/}, Camel's default Kamelet location), bound on plain Camel as a Camel JBang user binds
 * it: an authentic body reaches the sink byte for byte with the routing headers; a wrong or missing
 * signature is answered 401 and reaches nothing.
 */
class KameletTest {

    static final String PATH = "kamelet/voucherify";
    static final String SECRETS = "a-newer-secret,secretKey";
    static final String A1 = "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2";
    static final String BINDING = """
            - route:
                id: kamelet-binding
                from:
                  uri: kamelet:voucherify-webhook-source
                  parameters:
                    path: %s
                    secret: "%s"
                  steps:
                    - to: direct:sink
            """.formatted(PATH, SECRETS);

    private static final ConcurrentLinkedQueue<Message> SINK = new ConcurrentLinkedQueue<>();
    private static HttpCamel http;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpCamel();
        http.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sink").routeId("sink").process(exchange -> SINK.add(exchange.getMessage().copy()));
            }
        });
        org.apache.camel.support.PluginHelper.getRoutesLoader(http.camel())
                .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("binding.camel.yaml", BINDING));
        http.camel().start();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void clear() {
        SINK.clear();
    }

    @Test
    void theKameletIsOnTheClassPathWhereCamelLooksForKamelets() throws Exception {
        assertNotNull(getClass().getClassLoader().getResource("kamelets/voucherify-webhook-source.kamelet.yaml"));
        String kamelet = Files.readString(Path.of("src/main/resources/kamelets/voucherify-webhook-source.kamelet.yaml"));
        assertTrue(kamelet.contains("mvn:io.voucherifycamel:voucherify-camel-component:"), "depends on the component only");
        assertFalse(kamelet.contains("mvn:io.voucherifycamel:voucherify-camel:"), "not on the product");
    }

    @Test
    void theSeedEventReachesTheSinkUnchangedWithItsHeaders() {
        byte[] seed = Seed.bytes();
        assertEquals(202, http.post(PATH, seed, SignatureVerifier.sign(seed, "a-newer-secret")).statusCode());
        Message received = SINK.poll();
        assertNotNull(received);
        assertArrayEquals(seed, received.getBody(byte[].class), "the exact JSON Voucherify sent");
        assertEquals("gift", received.getHeader(VoucherifyHeaders.FAMILY));
        assertEquals("vtx_0e6feafe6952a94a54", received.getHeader(VoucherifyHeaders.TRANSACTION_ID));
    }

    @Test
    void documentedVectorsReachTheSinkUnchanged() {
        for (String body : new String[] { "{\"a\":1}", "{\n  \"a\": 1\n}" }) {
            assertEquals(202, http.post(PATH, body, A1).statusCode(), body);
            assertEquals(body, new String(SINK.poll().getBody(byte[].class), StandardCharsets.UTF_8));
        }
    }

    @Test
    void wrongMissingOrOtherSecretSignaturesAreRefusedAndReachNothing() {
        String body = "{\"a\":1}";
        assertEquals(401, http.post(PATH, body, "f7cf97814a03146abedb9793f56e1dec34f618f82d10395310d053f749483ffb").statusCode());
        assertEquals(401, http.post(PATH, body, SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), "not-configured"))
                .statusCode());
        assertEquals(401, http.post(PATH, body, null).statusCode());
        assertEquals(401, http.post(PATH, "{\"a\":2}", A1).statusCode());
        assertTrue(SINK.isEmpty(), "nothing refused reached the sink");
    }

    @Test
    void aKameletWithABlankSecretDoesNotStart() {
        try (HttpCamel other = new HttpCamel()) {
            Exception failure = assertThrows(Exception.class, () -> {
                org.apache.camel.support.PluginHelper.getRoutesLoader(other.camel())
                        .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("blank.camel.yaml",
                                BINDING.replace(SECRETS, " , ").replace("direct:sink", "mock:never")));
                other.camel().start();
            });
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("needs the secrets option"), root.getMessage());
        }
    }
}
