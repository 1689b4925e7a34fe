package io.voucherifycamel.signature;

import java.util.Arrays;

/**
 * Removes every whitespace character outside JSON string literals, as Voucherify does before it
 * signs a body (docs/PROTOCOL.md §2). Works on bytes, so multi-byte UTF-8 inside strings is untouched.
 */
final class JsonWhitespace {

    private JsonWhitespace() {
    }

    static byte[] strip(byte[] body) {
        byte[] out = new byte[body.length];
        int length = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : body) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                out[length++] = b;
            } else if (!isWhitespace(b)) {
                if (b == '"') {
                    inString = true;
                }
                out[length++] = b;
            }
        }
        return length == body.length ? body : Arrays.copyOf(out, length);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0x0B;
    }
}
