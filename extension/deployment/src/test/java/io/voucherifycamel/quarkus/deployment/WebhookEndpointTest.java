package io.voucherifycamel.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;

/**
 * A Camel Quarkus application with this extension as its one Voucherify dependency and a route from
 * {@code voucherify:webhook}: the endpoint serves over Quarkus' own HTTP server, hands the route the
 * event with its headers, and refuses a forged signature before the route.
 */
class WebhookEndpointTest {

    private static final Path SEED = Path.of("..", "..", "src", "tools", "seed-event.json");
    private static final String SECRET = "extension-test-secret";
    private static final ConcurrentLinkedQueue<Map<String, Object>> RECEIVED = new ConcurrentLinkedQueue<>();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(WebhookRoute.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.http.test-host", "127.0.0.1")
            .overrideConfigKey("webhook.secret", SECRET);

    /** The route a Camel Quarkus user writes. */
    public static class WebhookRoute extends RouteBuilder {
        @Override
        public void configure() {
            from("voucherify:webhook?path=webhooks/voucherify&secrets={{webhook.secret}}")
                    .routeId("extension-webhook")
                    .process(exchange -> {
                        assertInstanceOf(WebhookEvent.class, exchange.getMessage().getBody());
                        RECEIVED.add(new java.util.HashMap<>(exchange.getMessage().getHeaders()));
                    });
        }
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @Test
    void aSignedEventReachesTheRouteWithItsHeaders() throws Exception {
        byte[] seed = Files.readAllBytes(SEED);
        HttpResponse<String> answer = post(seed, SignatureVerifier.sign(seed, SECRET));
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals(1, RECEIVED.size());
        Map<String, Object> headers = RECEIVED.peek();
        assertEquals("customer.voucher.gift.balance_added", headers.get(VoucherifyHeaders.EVENT_TYPE));
        assertEquals("gift", headers.get(VoucherifyHeaders.FAMILY));
        assertEquals("vtx_0e6feafe6952a94a54", headers.get(VoucherifyHeaders.TRANSACTION_ID));
    }

    @Test
    void aForgedSignatureIsRefusedBeforeTheRoute() throws Exception {
        byte[] seed = Files.readAllBytes(SEED);
        HttpResponse<String> answer = post(seed, SignatureVerifier.sign(seed, "another-secret"));
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("invalid-signature"), answer.body());
        assertTrue(RECEIVED.isEmpty());
    }

    private static HttpResponse<String> post(byte[] body, String signature) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/voucherify"))
                .header("Content-Type", "application/json").header("x-voucherify-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
