package io.voucherifycamel.component;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.event.EventHeaders;
import io.voucherifycamel.event.EventJson;
import io.voucherifycamel.event.EventReader;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.request.Problem;
import io.voucherifycamel.request.WebhookRequestCheck;

/**
 * Listens through a {@code platform-http} consumer of its own (the engine the application has: Vert.x on
 * Camel Quarkus or camel-platform-http-main, …) and wraps the route: refusals are answered here and never
 * reach the route; an authentic body reaches it read, or raw and flagged when it cannot be read; a route
 * that sets no {@code CamelHttpResponseCode} is answered 202 with a small JSON acknowledgement.
 */
public class VoucherifyConsumer extends DefaultConsumer {

    /** {@code status} of the acknowledgement of a readable event. */
    public static final String ACCEPTED = "accepted";
    /** {@code status} of the acknowledgement of an authentic body that cannot be read into the model. */
    public static final String UNPROCESSABLE = "unprocessable";

    private static final Logger LOG = LoggerFactory.getLogger(VoucherifyConsumer.class);
    private static final byte[] EMPTY = new byte[0];
    private static final int ACCEPTED_STATUS = 202;
    private static final String JSON_MEDIA_TYPE = "application/json";

    private final WebhookRequestCheck check;
    private final EventReader reader = new EventReader(EventJson.mapper());
    private final ObjectMapper json = new ObjectMapper();
    private Consumer http;

    VoucherifyConsumer(VoucherifyEndpoint endpoint, Processor processor, WebhookRequestCheck check) {
        super(endpoint, processor);
        this.check = check;
    }

    @Override
    public VoucherifyEndpoint getEndpoint() {
        return (VoucherifyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a consumer of platform-http's own, so that whichever engine the application runs serves the path
        Endpoint endpoint = getEndpoint().getCamelContext().getEndpoint(getEndpoint().platformHttpUri());
        http = endpoint.createConsumer(new Receiver());
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        super.doStop();
    }

    /** What the platform-http consumer calls for each request. */
    private final class Receiver extends AsyncProcessorSupport {

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Message message = exchange.getMessage();
            byte[] body = message.getBody(byte[].class);
            byte[] bytes = body == null ? EMPTY : body;
            Problem refusal = check.checkRequest(message.getHeader(Exchange.HTTP_METHOD, String.class),
                    message.getHeader(Exchange.CONTENT_TYPE, String.class), bytes.length)
                    .or(() -> check.checkSignature(bytes, message.getHeader(WebhookRequestCheck.SIGNATURE_HEADER, String.class)))
                    .orElse(null);
            if (refusal != null) {
                // the detail names headers and limits only, never a secret or the body
                LOG.debug("Refused webhook: {} {}", refusal.status(), refusal.detail());
                refuse(message, refusal);
                callback.done(true);
                return true;
            }
            Map<String, Object> acknowledgement = new LinkedHashMap<>();
            ReadResult read = reader.read(bytes);
            if (read instanceof ReadResult.Readable readable) {
                message.setBody(readable.event());
                EventHeaders.identifyAndDescribe(message, readable.event());
                acknowledgement.put("status", ACCEPTED);
                acknowledgement.put("event_id", EventHeaders.eventId(readable.event()));
            } else {
                // authentic but unreadable: the route decides what to keep, so it gets the exact bytes and the reason
                ReadResult.Unprocessable unprocessable = (ReadResult.Unprocessable) read;
                message.setBody(bytes);
                message.setHeader(VoucherifyHeaders.UNPROCESSABLE, unprocessable.reason().name());
                message.setHeader(VoucherifyHeaders.UNPROCESSABLE_DETAIL, unprocessable.detail());
                acknowledgement.put("status", UNPROCESSABLE);
                acknowledgement.put("reason", unprocessable.reason().code());
            }
            return getAsyncProcessor().process(exchange, doneSync -> {
                if (exchange.getException() == null && exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE) == null) {
                    acknowledge(exchange.getMessage(), acknowledgement);
                }
                callback.done(doneSync);
            });
        }
    }

    private static void refuse(Message message, Problem problem) {
        boolean notAllowed = problem.status() == 405;
        // the request's headers are not echoed back
        message.removeHeaders("*");
        if (notAllowed) {
            message.setHeader(WebhookRequestCheck.ALLOW_HEADER, WebhookRequestCheck.POST);
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        message.setBody(problem.json());
    }

    private void acknowledge(Message message, Map<String, Object> acknowledgement) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, ACCEPTED_STATUS);
        message.setHeader(Exchange.CONTENT_TYPE, JSON_MEDIA_TYPE);
        try {
            message.setBody(json.writeValueAsBytes(acknowledgement));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
