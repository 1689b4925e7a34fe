package io.voucherifycamel.dataformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.event.UnprocessableEventException;
import io.voucherifycamel.event.UnprocessableReason;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.support.Seed;

/**
 * The {@code voucherify} data format found by name on a plain {@link DefaultCamelContext}, with nothing
 * registered by hand: from the Java DSL ({@code .unmarshal().custom("voucherify")}) and from YAML
 * ({@code custom: {ref: voucherify}} and the short {@code custom: voucherify}); the converter beside it.
 */
class VoucherifyDataFormatTest {

    static final String YAML = """
            - route:
                id: yaml-unmarshal
                from:
                  uri: direct:yaml-unmarshal
                  steps:
                    - unmarshal:
                        custom:
                          ref: voucherify
            - route:
                id: yaml-unmarshal-short
                from:
                  uri: direct:yaml-unmarshal-short
                  steps:
                    - unmarshal:
                        custom: voucherify
            - route:
                id: yaml-marshal
                from:
                  uri: direct:yaml-marshal
                  steps:
                    - unmarshal:
                        custom:
                          ref: voucherify
                    - marshal:
                        custom:
                          ref: voucherify
            """;

    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:java-unmarshal").routeId("java-unmarshal").unmarshal().custom(VoucherifyDataFormat.NAME);
                from("direct:java-marshal").routeId("java-marshal").marshal().custom(VoucherifyDataFormat.NAME);
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("dataformat-test.camel.yaml", YAML));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = { "direct:java-unmarshal", "direct:yaml-unmarshal", "direct:yaml-unmarshal-short" })
    void unmarshalReadsTheSeedEventAndSetsTheRoutingHeaders(String uri) {
        Exchange result = template.request(uri, exchange -> exchange.getMessage().setBody(Seed.bytes()));
        WebhookEvent event = assertInstanceOf(WebhookEvent.class, result.getMessage().getBody(), uri);
        assertEquals("customer.voucher.gift.balance_added", event.getEventType());
        assertEquals("evcus_0e6feafe6952a94a55", result.getMessage().getHeader(VoucherifyHeaders.EVENT_ID));
        assertEquals("gift", result.getMessage().getHeader(VoucherifyHeaders.FAMILY));
        assertEquals("vtx_0e6feafe6952a94a54", result.getMessage().getHeader(VoucherifyHeaders.TRANSACTION_ID));
        assertEquals(400L, result.getMessage().getHeader(VoucherifyHeaders.AMOUNT));
        assertEquals(15900L, result.getMessage().getHeader(VoucherifyHeaders.BALANCE));
    }

    @Test
    void unmarshalReadsAStringBodyToo() {
        Object body = template.requestBody("direct:java-unmarshal", new String(Seed.bytes(), StandardCharsets.UTF_8));
        assertInstanceOf(WebhookEvent.class, body);
    }

    @ParameterizedTest
    @ValueSource(strings = { "direct:java-unmarshal", "direct:yaml-unmarshal" })
    void aBodyThatCannotBeReadFailsWithItsReason(String uri) {
        CamelExecutionException failure = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(uri, "{\"object\":\"event\",\"webhook_id\":\"wh_1\",\"data\":{}}"));
        UnprocessableEventException cause = assertInstanceOf(UnprocessableEventException.class, failure.getCause());
        assertEquals(UnprocessableReason.LEGACY_ENVELOPE, cause.reason());
        assertEquals("body is not a readable Voucherify event (LEGACY_ENVELOPE): " + cause.detail(), cause.getMessage());
        CamelExecutionException broken = assertThrows(CamelExecutionException.class, () -> template.requestBody(uri, "{\"a\":"));
        assertEquals(UnprocessableReason.MALFORMED_JSON, assertInstanceOf(UnprocessableEventException.class, broken.getCause()).reason());
    }

    @Test
    void marshalWritesTheJsonTheEventWasReadFromByteForByte() {
        // the seed file is pretty-printed: re-serialising the model would not give these bytes back
        byte[] seed = Seed.bytes();
        WebhookEvent event = camel.getTypeConverter().convertTo(WebhookEvent.class, seed);
        byte[] java = template.requestBody("direct:java-marshal", event, byte[].class);
        assertArrayEquals(seed, java);
        byte[] yaml = template.requestBody("direct:yaml-marshal", seed, byte[].class);
        assertArrayEquals(seed, yaml);
    }
}
