package io.voucherifycamel.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code x-voucherify-signature}: lowercase hex HMAC-SHA256 of the body with whitespace outside
 * strings removed (docs/PROTOCOL.md §2), compared in constant time against every configured secret.
 * A body that is not JSON is signed unchanged, so the unchanged bytes are accepted too.
 */
public final class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> keys;

    public SignatureVerifier(List<String> secrets) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(String::isBlank)) {
            // the message names the setting, never a value
            throw new IllegalArgumentException("voucherify.webhook.secrets must list at least one non-blank secret");
        }
        this.keys = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    /** The signature Voucherify would send for this body with this secret. */
    public static String sign(byte[] body, String secret) {
        return HexFormat.of().formatHex(
                hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), JsonWhitespace.strip(body)));
    }

    public boolean verify(byte[] body, String signatureHeader) {
        byte[] claimed = decode(signatureHeader);
        if (claimed == null) {
            return false;
        }
        byte[] stripped = JsonWhitespace.strip(body);
        boolean match = false;
        // no early exit: the time taken says nothing about which secret, if any, matched
        for (SecretKeySpec key : keys) {
            match |= MessageDigest.isEqual(claimed, hmac(key, stripped));
            if (stripped != body) {
                match |= MessageDigest.isEqual(claimed, hmac(key, body));
            }
        }
        return match;
    }

    private static byte[] decode(String header) {
        if (header == null) {
            return null;
        }
        String hex = header.trim();
        if (hex.length() != SIGNATURE_BYTES * 2) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
