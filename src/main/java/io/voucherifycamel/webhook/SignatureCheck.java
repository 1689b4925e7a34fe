package io.voucherifycamel.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.voucherifycamel.intake.Quarantine;
import io.voucherifycamel.signature.SignatureVerifier;

/** Refuses with 401 a body whose {@code x-voucherify-signature} is missing or made with none of the configured secrets. */
@ApplicationScoped
public class SignatureCheck implements Processor {

    public static final String SIGNATURE_HEADER = "x-voucherify-signature";

    private final SignatureVerifier verifier;

    public SignatureCheck(WebhookConfig config) {
        this.verifier = new SignatureVerifier(config.secrets());
    }

    @Override
    public void process(Exchange exchange) {
        String signature = exchange.getMessage().getHeader(SIGNATURE_HEADER, String.class);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejection(Problem.of(401, "missing-signature", "Missing signature",
                    "the " + SIGNATURE_HEADER + " header is required"));
        }
        byte[] body = exchange.getProperty(Quarantine.RAW_BODY, byte[].class);
        if (!verifier.verify(body, signature)) {
            throw new WebhookRejection(Problem.of(401, "invalid-signature", "Invalid signature",
                    "the " + SIGNATURE_HEADER + " header does not match the body for any configured webhook secret"));
        }
    }
}
