package io.voucherifycamel.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.voucherifycamel.intake.Quarantine;
import io.voucherifycamel.request.Problem;
import io.voucherifycamel.request.WebhookRequestCheck;

/**
 * Refuses what is not a webhook delivery before the signature is looked at: a method other than POST
 * (405), a body that is not JSON (415), a body over the limit (413), as the component's
 * {@link WebhookRequestCheck} decides. Keeps the exact body bytes in {@link Quarantine#RAW_BODY} for the
 * signature and for quarantine.
 */
@ApplicationScoped
public class RequestGate implements Processor {

    private final WebhookRequestCheck check;

    public RequestGate(WebhookRequestCheck check) {
        this.check = check;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        Problem refusal = check.checkRequest(message.getHeader(Exchange.HTTP_METHOD, String.class),
                message.getHeader(Exchange.CONTENT_TYPE, String.class), body.length).orElse(null);
        if (refusal != null) {
            if (refusal.status() == 405) {
                message.setHeader(WebhookRequestCheck.ALLOW_HEADER, WebhookRequestCheck.POST);
            }
            throw new WebhookRejection(refusal);
        }
        exchange.setProperty(Quarantine.RAW_BODY, body);
    }
}
