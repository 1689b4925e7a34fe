package io.voucherifycamel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.HttpCamel;
import io.voucherifycamel.support.RecordingLogs;
import io.voucherifycamel.support.Seed;

/**
 * Everything Camel, Vert.x and the endpoint log at DEBUG and above while the endpoint starts, accepts,
 * refuses, fails and stops, and while an endpoint without secrets fails to start: the secrets are in
 * none of it, though the endpoint's URI is (masked).
 */
class SecretsNotLoggedTest {

    static final String FIRST = "first-Secret-4711";
    static final String SECOND = "second-Secret-0815";

    @Test
    void noSecretReachesTheLogs() throws Exception {
        try (HttpCamel http = new HttpCamel()) {
            http.camel().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("voucherify:webhook?path=logged&secrets=RAW(" + FIRST + "," + SECOND + ")").routeId("logged")
                            .log("got ${header." + VoucherifyHeaders.EVENT_ID + "}")
                            .filter(header(VoucherifyHeaders.UNPROCESSABLE).isNotNull()).throwException(new IllegalStateException("kept failing"));
                }
            });
            http.camel().start();
            byte[] seed = Seed.bytes();
            assertEquals(202, http.post("logged", seed, SignatureVerifier.sign(seed, FIRST)).statusCode());
            assertEquals(401, http.post("logged", seed, SignatureVerifier.sign(seed, "other")).statusCode());
            assertEquals(401, http.post("logged", seed, null).statusCode());
            assertEquals(500, http.post("logged", "[]", SignatureVerifier.sign("[]".getBytes(), SECOND)).statusCode());
        }
        try (HttpCamel blank = new HttpCamel()) {
            assertThrows(Exception.class, () -> {
                blank.camel().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("voucherify:webhook?secrets=RAW( , )&path=blank").routeId("blank").log("never");
                    }
                });
                blank.camel().start();
            });
        }
        List<String> lines = RecordingLogs.lines();
        // the logs were recorded, with the endpoint's URI masked, the refusals and the failure
        assertTrue(lines.stream().anyMatch(line -> line.contains("voucherify://webhook") && line.contains("secrets=xxxxxx")),
                "the endpoint's URI is logged, masked");
        assertTrue(lines.stream().anyMatch(line -> line.contains("Refused webhook: 401")), "the refusals are logged");
        assertTrue(lines.stream().anyMatch(line -> line.contains("kept failing")), "the failure is logged");
        List<String> leaking = lines.stream().filter(line -> line.contains(FIRST) || line.contains(SECOND)).toList();
        assertEquals(List.of(), leaking);
    }
}
