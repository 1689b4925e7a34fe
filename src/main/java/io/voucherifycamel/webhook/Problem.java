package io.voucherifycamel.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An RFC 9457 problem detail, as answered with {@code application/problem+json}. */
public record Problem(int status, String type, String title, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:voucherify-camel:problem:";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + type, title, detail);
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /** The body as JSON bytes, written by the application's one mapper. */
    public byte[] json(ObjectMapper json) {
        try {
            return json.writeValueAsBytes(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a number always serialises", e);
        }
    }
}
