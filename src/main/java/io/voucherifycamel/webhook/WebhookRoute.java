package io.voucherifycamel.webhook;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.request.Problem;
import io.voucherifycamel.event.EventReader;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.failure.FailureKind;
import io.voucherifycamel.intake.Acknowledgement;
import io.voucherifycamel.intake.HandOff;
import io.voucherifycamel.intake.IntakeMetrics;
import io.voucherifycamel.intake.Quarantine;
import io.voucherifycamel.routing.DispatchPlanner;
import io.voucherifycamel.store.Store;
import io.voucherifycamel.store.StoreOutages;
import io.voucherifycamel.store.StoreUnavailable;

/**
 * The endpoint Voucherify posts to. Checks the request and its signature, then either hands the
 * event off durably or quarantines the body, and only then answers. Nothing slow happens here: the
 * rules choose the targets (when they only choose, {@link DispatchPlanner}) and the deliveries start
 * from the targets' queues after the answer, or from the inbox queue.
 */
@ApplicationScoped
public class WebhookRoute extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(WebhookRoute.class);

    private final ObjectMapper json;
    private final WebhookConfig config;
    private final IntakeMetrics metrics;
    private final RequestGate gate;
    private final SignatureCheck signature;
    private final StoreOutages stores;
    private final EventReader reader;
    private final Quarantine quarantine;
    private final HandOff handOff;
    private final DispatchPlanner planner;

    WebhookRoute(ObjectMapper json, WebhookConfig config, IntakeMetrics metrics, RequestGate gate, SignatureCheck signature,
            StoreOutages stores, EventReader reader, Quarantine quarantine, HandOff handOff, DispatchPlanner planner) {
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.gate = gate;
        this.signature = signature;
        this.stores = stores;
        this.reader = reader;
        this.quarantine = quarantine;
        this.handOff = handOff;
        this.planner = planner;
    }

    @Override
    public void configure() {
        onException(WebhookRejection.class)
                .handled(true)
                .process(this::answerRejection);

        // a store is known to be down: 503 at once, without waiting for it to time out again
        onException(StoreUnavailable.class)
                .handled(true)
                .process(this::answerStoreDown);

        // storing failed: 503 if the store is unreachable (Voucherify retries), else the body is quarantined
        onException(Exception.class)
                .handled(true)
                .process(this::answerStoreFailure);

        from("platform-http:" + config.path())
                .routeId("webhook-ingress")
                .process(gate)
                .process(signature)
                .process(exchange -> stores.checkAvailable())
                .setBody(exchangeProperty(Quarantine.RAW_BODY))
                .process(this::read)
                .choice()
                    .when(body().isInstanceOf(ReadResult.Unprocessable.class))
                        .process(this::keep)
                    .otherwise()
                        .process(this::accept)
                .end()
                .process(this::answerKept);
    }

    // the stages' methods take what they need, not the exchange: these take it out and put the answer in the body

    private void read(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(reader.read(message.getBody(byte[].class)));
    }

    private void keep(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        message.setBody(quarantine.keep(message.getBody(ReadResult.Unprocessable.class), exchange.getProperty(Quarantine.RAW_BODY,
                byte[].class), message.getHeader(Exchange.CONTENT_TYPE, String.class)));
    }

    private void accept(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ReadResult.Readable readable = message.getBody(ReadResult.Readable.class);
        // the acceptance asks the rules for a new event, so that it hands the event straight to its targets
        message.setBody(handOff.accept(readable, planner));
    }

    private void answerKept(Exchange exchange) throws JsonProcessingException {
        Acknowledgement ack = exchange.getMessage().getBody(Acknowledgement.class);
        write(exchange.getMessage(), ack.status(), "application/json", json.writeValueAsBytes(ack.body()));
    }

    private void answerRejection(Exchange exchange) {
        Problem problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebhookRejection.class).problem();
        metrics.count("rejected", problem.type().substring(problem.type().lastIndexOf(':') + 1));
        LOG.debugf("Refused webhook: %d %s", problem.status(), problem.detail());
        writeProblem(exchange.getMessage(), problem);
    }

    /**
     * 503 means "the store is unreachable, try again" and nothing else: an authentic body that fails
     * for any other reason would fail the same way on each of Voucherify's 12 retries and get the
     * webhook disabled, so it is quarantined (kept byte for byte) and answered 202 instead.
     */
    private void answerStoreFailure(Exchange exchange) throws JsonProcessingException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (FailureKind.of(cause) == FailureKind.PERMANENT) {
            try {
                Object read = exchange.getMessage().getBody();
                String eventType = read instanceof ReadResult.Readable readable ? readable.event().getEventType() : null;
                Acknowledgement kept = quarantine.keepUnstorable(exchange.getProperty(Quarantine.RAW_BODY, byte[].class),
                        exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), eventType, cause);
                exchange.getMessage().setBody(kept);
                answerKept(exchange);
                return;
            } catch (Exception quarantineFailed) {
                // the body could not even be kept: that failure is the one to answer for
                quarantineFailed.addSuppressed(cause);
                answerUnavailable(exchange, quarantineFailed);
                return;
            }
        }
        answerUnavailable(exchange, cause);
    }

    private void answerStoreDown(Exchange exchange) {
        Store store = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, StoreUnavailable.class).store();
        metrics.count("unavailable", store.label());
        LOG.debugf("Webhook answered 503: the %s is unreachable", store.label());
        answer503(exchange, "the " + store.label() + " is unreachable; the event was not accepted, please retry");
    }

    private void answerUnavailable(Exchange exchange, Exception cause) {
        Store store = FailureKind.of(cause) == FailureKind.TRANSIENT ? Store.of(cause) : null;
        if (store != null) {
            // one line per outage, from StoreOutages, rather than a stack trace per request
            stores.reportFailure(cause);
            metrics.count("unavailable", store.label());
            LOG.debugf(cause, "Webhook not stored, answered 503 so that Voucherify retries");
        } else {
            metrics.count("unavailable", cause.getClass().getSimpleName());
            LOG.errorf(cause, "Webhook not stored, answered 503 so that Voucherify retries");
        }
        answer503(exchange, "the event could not be stored right now; it was not accepted, please retry");
    }

    private void answer503(Exchange exchange, String detail) {
        exchange.getMessage().setHeader("Retry-After", "60");
        writeProblem(exchange.getMessage(), Problem.of(503, "storage-unavailable", "Storage unavailable", detail));
    }

    private void writeProblem(Message message, Problem problem) {
        write(message, problem.status(), Problem.MEDIA_TYPE, problem.json());
    }

    private static void write(Message message, int status, String contentType, byte[] body) {
        message.removeHeaders("*", "Allow", "Retry-After");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }
}
