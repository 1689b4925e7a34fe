package io.voucherifycamel.request;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.voucherifycamel.signature.SignatureVerifier;

/**
 * The decisions on a webhook request, in the order they are taken, and the problem each refusal
 * answers: not POST (405, with {@code Allow: POST}), not JSON (415), over the body limit (413), then a
 * missing (401) or wrong (401) {@code x-voucherify-signature}. Shared by the {@code voucherify:webhook}
 * endpoint and the product's ingress, so that both refuse with the same bodies.
 */
public final class WebhookRequestCheck {

    /** The header Voucherify signs each delivery with (docs/PROTOCOL.md §2). */
    public static final String SIGNATURE_HEADER = "x-voucherify-signature";
    /** The only method Voucherify delivers with, also the value of the {@code Allow} header on a 405. */
    public static final String POST = "POST";
    /** The header a 405 carries, naming the methods served. */
    public static final String ALLOW_HEADER = "Allow";

    private final SignatureVerifier verifier;
    private final long maxBodySize;
    private final String limitSetting;

    /**
     * @param secrets      the webhook secrets, any of which makes a signature valid; none refuses every body
     * @param maxBodySize  the largest body accepted, in bytes
     * @param limitSetting the name of the setting that sets the limit, told to the caller in the 413's detail
     */
    public WebhookRequestCheck(List<String> secrets, long maxBodySize, String limitSetting) {
        this.verifier = new SignatureVerifier(secrets);
        this.maxBodySize = maxBodySize;
        this.limitSetting = limitSetting;
    }

    /** The refusal of a request that is not a webhook delivery (405, 415, 413), or empty when it may be one. */
    public Optional<Problem> checkRequest(String method, String contentType, long bodyLength) {
        if (!POST.equalsIgnoreCase(method)) {
            return Optional.of(Problem.of(405, "method-not-allowed", "Method not allowed",
                    "Voucherify webhooks are delivered with POST, not " + method));
        }
        if (!isJson(contentType)) {
            return Optional.of(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "the body must be application/json, not " + (contentType == null ? "a body without Content-Type" : contentType)));
        }
        if (bodyLength > maxBodySize) {
            return Optional.of(tooLarge(maxBodySize, limitSetting));
        }
        return Optional.empty();
    }

    /** The refusal of a body whose signature is missing or made with none of the secrets, or empty when authentic. */
    public Optional<Problem> checkSignature(byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return Optional.of(Problem.of(401, "missing-signature", "Missing signature",
                    "the " + SIGNATURE_HEADER + " header is required"));
        }
        if (body == null || !verifier.verify(body, signature)) {
            return Optional.of(Problem.of(401, "invalid-signature", "Invalid signature",
                    "the " + SIGNATURE_HEADER + " header does not match the body for any configured webhook secret"));
        }
        return Optional.empty();
    }

    /** The 413 for a body over {@code limit} bytes, naming the setting that raises it. */
    public static Problem tooLarge(long limit, String limitSetting) {
        return Problem.of(413, "payload-too-large", "Payload too large",
                "the body is larger than the configured limit of " + limit + " bytes (" + limitSetting + ")");
    }

    /** True when a declared {@code Content-Length} is over {@code limit}; a malformed one is left to the HTTP server. */
    public static boolean declaredLengthExceeds(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code application/json} or any {@code application/*+json}, parameters such as the charset ignored. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
