package io.voucherifycamel.request;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An RFC 9457 problem detail answered to a refused webhook request, as {@code application/problem+json}.
 * Its detail is shown to the caller, so it never holds a secret or the body.
 */
public record Problem(int status, String type, String title, String detail) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every problem type of voucherify-camel is a URN under this prefix. */
    public static final String TYPE_PREFIX = "urn:voucherify-camel:problem:";

    // a map of strings and a number needs no configuration; one writer for every answer
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A problem whose type is {@link #TYPE_PREFIX} + {@code type}, e.g. {@code missing-signature}. */
    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + type, title, detail);
    }

    /** The members in RFC 9457's order: type, title, status, detail. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            // as RFC 9457 allows: a problem without a detail leaves the member out, rather than null
            body.put("detail", detail);
        }
        return body;
    }

    /** The body as JSON bytes. */
    public byte[] json() {
        try {
            return JSON.writeValueAsBytes(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a number always serialises", e);
        }
    }
}
