package io.voucherifycamel.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.request.WebhookProblem;

/** An RFC 9457 problem detail, as answered with {@code application/problem+json}. */
public record Problem(int status, String type, String title, String detail) {

    public static final String MEDIA_TYPE = WebhookProblem.MEDIA_TYPE;

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, WebhookProblem.TYPE_PREFIX + type, title, detail);
    }

    /** The component's refusal of a webhook request (the same members), answered by the product's routes. */
    public static Problem of(WebhookProblem problem) {
        return new Problem(problem.status(), problem.type(), problem.title(), problem.detail());
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
