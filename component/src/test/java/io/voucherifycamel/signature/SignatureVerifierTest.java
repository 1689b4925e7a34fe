package io.voucherifycamel.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Voucherify's documented test vectors (docs/PROTOCOL.md §2) and the cases around them. */
class SignatureVerifierTest {

    private static final String SECRET = "secretKey";
    private static final String A1 = "a17d2ac229d1ebbb5f10e839c7985c4818e5986eab297f7e5979196d4d7d3ed2";

    private final SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET));

    @Test
    void compactJsonVector() {
        assertEquals(A1, SignatureVerifier.sign(bytes("{\"a\":1}"), SECRET));
        assertTrue(verifier.verify(bytes("{\"a\":1}"), A1));
    }

    @Test
    void prettyPrintedJsonSignsLikeItsCompactForm() {
        assertEquals(A1, SignatureVerifier.sign(bytes("{\n  \"a\": 1\n}"), SECRET));
        assertTrue(verifier.verify(bytes("{\n  \"a\": 1\n}"), A1));
    }

    @Test
    void escapedQuoteInsideStringVector() {
        String body = "{\"a\\\"b\":1}";
        assertEquals("f7cf97814a03146abedb9793f56e1dec34f618f82d10395310d053f749483ffb", SignatureVerifier.sign(bytes(body), SECRET));
    }

    @Test
    void plainStringIsSignedUnchanged() {
        assertTrue(verifier.verify(bytes("  message  "),
                "53ff92957e1427ce23ad5bda9d0c5f2f4ff384d0806b83eeacb510c842d3a358"));
    }

    @Test
    void whitespaceInsideStringsIsSigned() {
        String body = "{\"reason\":\"cash reward\"}";
        String signature = SignatureVerifier.sign(bytes(body), SECRET);
        assertTrue(verifier.verify(bytes(body), signature));
        assertFalse(verifier.verify(bytes("{\"reason\":\"cashreward\"}"), signature));
    }

    @Test
    void anyConfiguredSecretVerifiesSoSecretsRotateWithoutDowntime() {
        SignatureVerifier rotating = new SignatureVerifier(List.of("new-secret", SECRET));
        assertTrue(rotating.verify(bytes("{\"a\":1}"), A1));
        assertTrue(rotating.verify(bytes("{\"a\":1}"), SignatureVerifier.sign(bytes("{\"a\":1}"), "new-secret")));
    }

    @Test
    void refusesOtherSecretsChangedBodiesAndMalformedSignatures() {
        assertFalse(verifier.verify(bytes("{\"a\":2}"), A1));
        assertFalse(new SignatureVerifier(List.of("other")).verify(bytes("{\"a\":1}"), A1));
        assertFalse(verifier.verify(bytes("{\"a\":1}"), null));
        assertFalse(verifier.verify(bytes("{\"a\":1}"), ""));
        assertFalse(verifier.verify(bytes("{\"a\":1}"), A1.substring(2)));
        assertFalse(verifier.verify(bytes("{\"a\":1}"), "zz" + A1.substring(2)));
    }

    @Test
    void acceptsUppercaseHexOfTheRightSignature() {
        assertTrue(verifier.verify(bytes("{\"a\":1}"), A1.toUpperCase()));
    }

    @Test
    void refusesToBeBuiltWithoutASecret() {
        assertThrows(IllegalArgumentException.class, () -> new SignatureVerifier(List.of()));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new SignatureVerifier(List.of(" ")));
        assertTrue(blank.getMessage().contains("voucherify.webhook.secrets"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
