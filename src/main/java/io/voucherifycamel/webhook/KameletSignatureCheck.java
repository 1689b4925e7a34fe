package io.voucherifycamel.webhook;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;

import io.voucherifycamel.signature.SignatureVerifier;

/**
 * The signature check of the Kamelet {@code deploy/kamelets/voucherify-webhook-source.kamelet.yaml}:
 * the same {@link SignatureVerifier} as the product's own endpoint, for a route that Camel K or Camel
 * JBang runs. The Kamelet puts its {@code secret} parameter on the exchange under {@link #SECRETS} for
 * this call only; this class never logs it and removes it before the event goes on.
 */
public final class KameletSignatureCheck {

    /** Exchange property holding the Kamelet's secret parameter (comma-separated secrets). */
    public static final String SECRETS = "voucherifyWebhookSecrets";

    /** True when the body is signed with one of the secrets; false when unsigned or signed otherwise. */
    public boolean valid(Exchange exchange) {
        String secrets = exchange.getProperty(SECRETS, String.class);
        exchange.removeProperty(SECRETS);
        List<String> list = secrets == null ? List.of()
                : Arrays.stream(secrets.split(",")).map(String::trim).filter(secret -> !secret.isEmpty()).toList();
        if (list.isEmpty()) {
            // a Kamelet without a secret refuses everything rather than accept unsigned events
            return false;
        }
        String signature = exchange.getMessage().getHeader(SignatureCheck.SIGNATURE_HEADER, String.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return body != null && new SignatureVerifier(list).verify(body, signature);
    }
}
