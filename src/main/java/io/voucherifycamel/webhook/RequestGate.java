package io.voucherifycamel.webhook;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.voucherifycamel.intake.Quarantine;

/**
 * Refuses what is not a webhook delivery before the signature is looked at: a method other than POST
 * (405), a body that is not JSON (415), a body over the limit (413). Keeps the exact body bytes in
 * {@link Quarantine#RAW_BODY} for the signature and for quarantine.
 */
@ApplicationScoped
public class RequestGate implements Processor {

    private final long maxBodySize;

    public RequestGate(WebhookConfig config) {
        this.maxBodySize = config.maxBodySize().asLongValue();
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equalsIgnoreCase(method)) {
            message.setHeader("Allow", "POST");
            throw new WebhookRejection(Problem.of(405, "method-not-allowed", "Method not allowed",
                    "Voucherify webhooks are delivered with POST, not " + method));
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw new WebhookRejection(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "the body must be application/json, not " + (contentType == null ? "a body without Content-Type" : contentType)));
        }
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodySize) {
            throw new WebhookRejection(BodyLimit.problem(maxBodySize));
        }
        exchange.setProperty(Quarantine.RAW_BODY, body);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
