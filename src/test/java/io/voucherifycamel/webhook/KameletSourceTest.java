package io.voucherifycamel.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

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
 * The Kamelet {@code voucherify-webhook-source}, loaded by Camel's kamelet component from the class path
 * (the component jar's {@code kamelets/}, Camel's default location) and bound by a route to a queue, as a
 * Camel K or JBang user binds it: Voucherify's documented signature vectors pass unchanged to the sink;
 * a wrong, missing or other-secret signature is answered 401 and reaches nothing. A Kamelet with a blank
 * secret is refused at start-up by the component's endpoint (the component's KameletTest).
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
            // no camel.component.kamelet.location: the Kamelet is found where Camel looks by default, on the class path
            return Map.of("voucherify.routes-dir", TestRoutes.copy("", Map.of("kamelet-binding.camel.yaml", BINDING)).toString());
        }
    }

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

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
    void theSecretDoesNotTravelWithTheEvent() throws JMSException {
        post("{\"a\":1}", "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2").then().statusCode(202);
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE))) {
            Message message = consumer.receive(5000);
            assertEquals("{\"a\":1}", ((TextMessage) message).getText());
            for (String name : java.util.Collections.list((java.util.Enumeration<?>) message.getPropertyNames()).stream()
                    .map(Object::toString).toList()) {
                String value = String.valueOf(message.getObjectProperty(name));
                assertFalse(value.contains("secretKey") || value.contains("a-newer-secret"), name + " carries a secret");
            }
        }
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
