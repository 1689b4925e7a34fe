package io.voucherifycamel.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.voucherifycamel.request.WebhookRequestCheck;

/** The component's request checks with the product's settings: one instance for {@link RequestGate} and {@link SignatureCheck}. */
@ApplicationScoped
public class RequestCheckProducer {

    /** The setting the 413's detail names. */
    static final String MAX_BODY_SIZE_SETTING = "voucherify.webhook.max-body-size";

    @Produces
    @Singleton
    WebhookRequestCheck requestCheck(WebhookConfig config) {
        return new WebhookRequestCheck(config.secrets(), config.maxBodySize().asLongValue(), MAX_BODY_SIZE_SETTING);
    }
}
