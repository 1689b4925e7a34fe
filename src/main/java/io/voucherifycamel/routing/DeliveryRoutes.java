package io.voucherifycamel.routing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

import io.voucherifycamel.intake.InboxHeaders;

/**
 * The plumbing between the YAML rules and the targets. {@code direct:deliver} puts one message per
 * chosen target on that target's queue ({@value #TARGET_QUEUE_PREFIX}&lt;name&gt;), in the inbox
 * transaction, so each target retries and fails on its own. {@code direct:dead-letter} parks a
 * message whose target gave up, with the reason, in the dead-letter queue.
 */
@ApplicationScoped
public class DeliveryRoutes extends RouteBuilder {

    public static final String DELIVER = "direct:deliver";
    public static final String DEAD_LETTER = "direct:dead-letter";
    public static final String TARGET_QUEUE_PREFIX = "voucherify.target.";

    private static final String JSON = "voucherifyJson";

    @Override
    public void configure() {
        from(DELIVER)
                .routeId("deliver")
                .setProperty(JSON, simple("${body.json}"))
                // sequential, in this thread: every send joins the inbox message's JMS transaction
                .split(header(RoutingHeaders.TARGETS).tokenize(","))
                    .process(this::addressTarget)
                    .setBody(exchangeProperty(JSON))
                    .toD("jms:queue:" + TARGET_QUEUE_PREFIX + "${header." + RoutingHeaders.TARGET + "}")
                .end();

        from(DEAD_LETTER)
                .routeId("dead-letter")
                .process(DeliveryRoutes::describeFailure)
                // a replay must not be taken for a duplicate of the first delivery
                .removeHeader(InboxHeaders.ARTEMIS_DUPLICATE_ID)
                .to("jms:queue:{{voucherify.broker.dead-letter-queue}}");
    }

    private void addressTarget(Exchange exchange) {
        Message message = exchange.getMessage();
        String target = message.getBody(String.class).trim();
        if (getCamelContext().getRoutes().stream().noneMatch(route -> consumes(route.getEndpoint().getEndpointUri(), target))) {
            // a typo in a rule must not fill a queue nobody reads
            throw new IllegalArgumentException("no route consumes target '" + target + "' (queue " + TARGET_QUEUE_PREFIX
                    + target + "); check the dispatch rules in routes/");
        }
        String transactionId = message.getHeader(RoutingHeaders.TRANSACTION_ID, String.class);
        String subject = transactionId != null ? "transaction:" + transactionId
                : "event:" + message.getHeader(InboxHeaders.EVENT_ID, String.class) + ":"
                        + message.getHeader(InboxHeaders.SOURCE_ID, String.class);
        message.setHeader(RoutingHeaders.TARGET, target);
        message.setHeader(RoutingHeaders.DELIVERY_KEY, target + ":" + subject);
        // no duplicate-detection id on this hop: it is transacted, and Artemis fails a whole transaction
        // that carries a duplicate, which would send a second event of one transaction round in circles
        message.removeHeader(InboxHeaders.ARTEMIS_DUPLICATE_ID);
        String voucherId = message.getHeader(RoutingHeaders.VOUCHER_ID, String.class);
        if (voucherId != null) {
            message.setHeader(InboxHeaders.GROUP_ID, voucherId);
        }
    }

    private static boolean consumes(String endpointUri, String target) {
        String queue = TARGET_QUEUE_PREFIX + target;
        return endpointUri.endsWith(queue) || endpointUri.contains(queue + "?");
    }

    private static void describeFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.getMessage().setHeader(RoutingHeaders.FAILURE_REASON, reason.length() > 500 ? reason.substring(0, 500) : reason);
        exchange.getMessage().setHeader(RoutingHeaders.FAILED_AT, Instant.now().toString());
    }
}
