package io.voucherifycamel.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.HttpCamel;
import io.voucherifycamel.support.Seed;

/**
 * Every example of docs/use-in-your-integration.md, run as a user runs it, on plain Camel over real
 * HTTP: the Java DSL route, the YAML route file, the same file in a Camel Main (what {@code camel run}
 * does; the Camel CLI's launcher is not served here), and the Kamelet binding. Each receives the signed
 * seed event and hands it on with its routing headers; each refuses a wrong signature and hands on
 * nothing.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "docs", "examples");
    static final String SECRET = "the-secret-from-voucherify";

    @Test
    void javaDsl() throws Exception {
        try (HttpCamel http = new HttpCamel()) {
            targetsToMocks(http.camel());
            http.camel().addRoutes(new GiftCardEventsRoute());
            http.camel().start();
            receivesTheSeedAndRefusesAForgery(http, "webhooks/voucherify", "mock:gift");
        }
    }

    @Test
    void yamlRouteFile() throws Exception {
        try (HttpCamel http = new HttpCamel()) {
            targetsToMocks(http.camel());
            load(http.camel(), "voucherify-webhook.camel.yaml");
            http.camel().start();
            receivesTheSeedAndRefusesAForgery(http, "webhooks/voucherify", "mock:gift");
        }
    }

    @Test
    void yamlRouteFileKeepsAnUnreadableBodyAside() throws Exception {
        try (HttpCamel http = new HttpCamel()) {
            targetsToMocks(http.camel());
            load(http.camel(), "voucherify-webhook.camel.yaml");
            http.camel().start();
            byte[] legacy = "{\"webhook_id\":\"wh_1\",\"object\":\"event\",\"type\":\"voucher.published\"}"
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.post("webhooks/voucherify", legacy, SignatureVerifier.sign(legacy, SECRET));
            assertEquals(202, answer.statusCode(), answer.body());
            MockEndpoint unprocessable = http.camel().getEndpoint("mock:unprocessable", MockEndpoint.class);
            unprocessable.expectedMessageCount(1);
            unprocessable.assertIsSatisfied(5000);
            Message kept = unprocessable.getExchanges().get(0).getMessage();
            assertArrayEquals(legacy, kept.getBody(byte[].class));
            assertEquals("LEGACY_ENVELOPE", kept.getHeader(VoucherifyHeaders.UNPROCESSABLE));
            assertEquals(0, http.camel().getEndpoint("mock:gift", MockEndpoint.class).getReceivedCounter());
        }
    }

    /** The YAML file in a Camel Main, as {@code camel run voucherify-webhook.camel.yaml --dep=mvn:…} runs it. */
    @Test
    void yamlRouteFileInCamelMain() throws Exception {
        int port = new HttpCamel().port(); // a free loopback port (the context is never started)
        Main main = new Main();
        Properties properties = new Properties();
        properties.setProperty("camel.main.routes-include-pattern", "file:" + EXAMPLES.resolve("voucherify-webhook.camel.yaml"));
        properties.setProperty("camel.server.enabled", "true");
        properties.setProperty("camel.server.host", HttpCamel.HOST);
        properties.setProperty("camel.server.port", String.valueOf(port));
        properties.setProperty("voucherify.secrets", SECRET);
        properties.setProperty("voucherify.gift", "mock:gift");
        properties.setProperty("voucherify.other", "mock:other");
        properties.setProperty("voucherify.unprocessable", "mock:unprocessable");
        main.setInitialProperties(properties);
        main.start();
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            byte[] seed = Seed.bytes();
            java.net.URI uri = java.net.URI.create("http://" + HttpCamel.HOST + ":" + port + "/webhooks/voucherify");
            HttpResponse<String> forged = client.send(signed(uri, seed, SignatureVerifier.sign(seed, "another-secret")),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode(), forged.body());
            HttpResponse<String> answer = client.send(signed(uri, seed, SignatureVerifier.sign(seed, SECRET)),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, answer.statusCode(), answer.body());
            assertGiftEvent(main.getCamelContext(), "mock:gift");
        } finally {
            main.stop();
        }
    }

    /** The route of README.md's section "Use it in your own integration", as printed there. */
    @Test
    void readmeRoute() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Use it in your own integration"));
        String yaml = section.substring(section.indexOf("```yaml") + "```yaml".length(), section.indexOf("```", section.indexOf("```yaml") + 7));
        try (HttpCamel http = new HttpCamel()) {
            targetsToMocks(http.camel());
            PluginHelper.getRoutesLoader(http.camel()).loadRoutes(ResourceHelper.fromString("readme.camel.yaml",
                    yaml + "        - marshal: {custom: {ref: voucherify}}\n        - to: mock:gift\n"));
            http.camel().start();
            receivesTheSeedAndRefusesAForgery(http, "webhooks/voucherify", "mock:gift");
        }
    }

    @Test
    void kameletBinding() throws Exception {
        try (HttpCamel http = new HttpCamel()) {
            http.camel().getPropertiesComponent().setInitialProperties(props("voucherify.events", "mock:events"));
            load(http.camel(), "voucherify-kamelet.camel.yaml");
            http.camel().start();
            receivesTheSeedAndRefusesAForgery(http, "webhooks/voucherify", "mock:events");
        }
    }

    private static void receivesTheSeedAndRefusesAForgery(HttpCamel http, String path, String target) throws Exception {
        byte[] seed = Seed.bytes();
        HttpResponse<String> forged = http.post(path, seed, SignatureVerifier.sign(seed, "another-secret"));
        assertEquals(401, forged.statusCode(), forged.body());
        HttpResponse<String> answer = http.post(path, seed, SignatureVerifier.sign(seed, SECRET));
        assertEquals(202, answer.statusCode(), answer.body());
        assertGiftEvent(http.camel(), target);
    }

    /** Exactly one message, the seed's JSON byte for byte, with its routing headers. */
    private static void assertGiftEvent(CamelContext camel, String target) throws InterruptedException {
        MockEndpoint mock = camel.getEndpoint(target, MockEndpoint.class);
        mock.setAssertPeriod(500); // and no second copy after it (the forged post must have added none)
        mock.expectedMessageCount(1);
        mock.assertIsSatisfied(5000);
        List<Exchange> received = mock.getExchanges();
        Message message = received.get(0).getMessage();
        assertArrayEquals(Seed.bytes(), message.getBody(byte[].class));
        assertEquals("customer.voucher.gift.balance_added", message.getHeader(VoucherifyHeaders.EVENT_TYPE));
        assertEquals("gift", message.getHeader(VoucherifyHeaders.FAMILY));
        assertEquals("MANUAL", message.getHeader(VoucherifyHeaders.OPERATION_TYPE));
        assertEquals("vtx_0e6feafe6952a94a54", message.getHeader(VoucherifyHeaders.TRANSACTION_ID));
        assertEquals(400L, ((Number) message.getHeader(VoucherifyHeaders.AMOUNT)).longValue());
        assertTrue(camel.getEndpoint("mock:other", MockEndpoint.class).getReceivedCounter() == 0);
    }

    private static void targetsToMocks(CamelContext camel) {
        Properties properties = props("voucherify.secrets", SECRET);
        properties.setProperty("voucherify.gift", "mock:gift");
        properties.setProperty("voucherify.other", "mock:other");
        properties.setProperty("voucherify.unprocessable", "mock:unprocessable");
        camel.getPropertiesComponent().setInitialProperties(properties);
    }

    private static Properties props(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        properties.setProperty("voucherify.secrets", SECRET);
        return properties;
    }

    private static void load(CamelContext camel, String file) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                "file:" + EXAMPLES.resolve(file)));
    }

    private static java.net.http.HttpRequest signed(java.net.URI uri, byte[] body, String signature) {
        return java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("x-voucherify-signature", signature).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
