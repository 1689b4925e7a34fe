package io.voucherifycamel.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.TestRoutes;

/**
 * The Kamelet {@code deploy/kamelets/voucherify-webhook-source.kamelet.yaml}, loaded from that file by
 * Camel's kamelet component and bound by a route to a queue, as a Camel K or JBang user binds it:
 * Voucherify's documented signature vectors pass unchanged to the sink; a wrong, missing or
 * other-secret signature is answered 401 and reaches nothing.
 */
@QuarkusTest
@TestProfile(KameletSourceTest.Profile.class)
class KameletSourceTest {

    /** The secret of Voucherify's documented vectors (docs/PROTOCOL.md §2), after a rotated-in one. */
    static final String SECRETS = "a-newer-secret,secretKey";
    static final String QUEUE = "voucherify.test.kamelet";

    public static class Profile implements QuarkusTestProfile {
        static final String BINDING = """
                - route:
                    id: kamelet-binding-test
                    from:
                      uri: kamelet:voucherify-webhook-source
                      parameters:
                        path: kamelet/voucherify
                        secret: "%s"
                      steps:
                        - convertBodyTo:
                            type: java.lang.String
                        - to: jms:queue:%s?exchangePattern=InOnly
                """.formatted(SECRETS, QUEUE);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", TestRoutes.copy("", Map.of("kamelet-binding.camel.yaml", BINDING)).toString(),
                    "camel.component.kamelet.location", "file:deploy/kamelets");
        }
    }

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Inject
    CamelContext camel;

    @BeforeEach
    void emptyQueue() {
        while (receive(100) != null) {
            // left over from a failed run
        }
    }

    @Test
    void documentedVectorsReachTheSinkUnchanged() {
        Map<String, String> vectors = Map.of(
                "{\"a\":1}", "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2",
                "{\n  \"a\": 1\n}", "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2",
                "{\"a\\\"b\":1}", "f7cf97814a03146abedb9793f56e1dec34f618f82d10395310d053f749483ffb",
                "  message  ", "53ff92957e1427ce23ad5bda9d0c5f2f4ff384d0806b83eeacb510c842d3a358");
        for (Map.Entry<String, String> vector : vectors.entrySet()) {
            post(vector.getKey(), vector.getValue()).then().statusCode(202);
            assertEquals(vector.getKey(), receive(5000), "the sink gets the exact body");
        }
    }

    @Test
    void wrongMissingOrOtherSecretSignaturesAreRefusedAndReachNothing() {
        String body = "{\"a\":1}";
        post(body, "f7cf97814a03146abedb9793f56e1dec34f618f82d10395310d053f749483ffb").then().statusCode(401)
                .contentType("application/problem+json");
        post(body, SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), "not-configured")).then().statusCode(401);
        given().contentType("application/json").body(body).post("/kamelet/voucherify").then().statusCode(401);
        post("{\"a\":2}", "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2").then().statusCode(401);
        assertNull(receive(1000), "nothing refused reached the sink");
    }

    @Test
    void onlyPostIsServed() {
        given().get("/kamelet/voucherify").then().statusCode(405);
    }

    @Test
    void aKameletWithoutSecretRefusesEverything() {
        KameletSignatureCheck check = new KameletSignatureCheck();
        Exchange signed = new DefaultExchange(camel);
        signed.getMessage().setBody("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        signed.getMessage().setHeader(SignatureCheck.SIGNATURE_HEADER, "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2");
        signed.setProperty(KameletSignatureCheck.SECRETS, " , ");
        assertFalse(check.valid(signed));
        assertNull(signed.getProperty(KameletSignatureCheck.SECRETS), "the secret does not travel on with the event");
        signed.setProperty(KameletSignatureCheck.SECRETS, "secretKey");
        assertTrue(check.valid(signed));
    }

    private static io.restassured.response.Response post(String body, String signature) {
        return given().contentType("application/json").header(SignatureCheck.SIGNATURE_HEADER, signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/kamelet/voucherify");
    }

    private String receive(long millis) {
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE))) {
            Message message = consumer.receive(millis);
            return message == null ? null : ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
