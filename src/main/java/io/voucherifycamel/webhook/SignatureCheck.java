package io.voucherifycamel.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.voucherifycamel.request.Problem;
import io.voucherifycamel.intake.Quarantine;
import io.voucherifycamel.request.WebhookRequestCheck;

/**
 * Refuses with 401 a body whose {@code x-voucherify-signature} is missing or made with none of the
 * configured secrets, as the component's {@link WebhookRequestCheck} decides.
 */
@ApplicationScoped
public class SignatureCheck implements Processor {

    public static final String SIGNATURE_HEADER = WebhookRequestCheck.SIGNATURE_HEADER;

    private final WebhookRequestCheck check;

    public SignatureCheck(WebhookRequestCheck check) {
        this.check = check;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getProperty(Quarantine.RAW_BODY, byte[].class);
        check.checkSignature(body, exchange.getMessage().getHeader(SIGNATURE_HEADER, String.class)).ifPresent(refusal -> {
            throw new WebhookRejection(refusal);
        });
    }
}
