package io.voucherifycamel.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsConstants;

import io.voucherifycamel.message.EventJournal;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * The plumbing between the YAML rules and the targets: {@code direct:deliver} puts one message per
 * chosen target on that target's queue ({@link Targets#queue}), in the inbox message's transaction,
 * so each target retries and fails on its own. Every chosen target is checked before the first
 * send, so a rule naming an unknown target parks the event whole, with nothing half sent.
 * <p>
 * A replayed event ({@link VoucherifyHeaders#REPLAY_ID}) is chosen for by the current rules too; a replay
 * that names a target goes to that one only, if the rules choose it. With
 * {@link VoucherifyHeaders#REDELIVER} its delivery key is new, so targets that de-duplicate by it (mail,
 * JMS forwarding) deliver it again; the ledger's key is the transaction, which it never writes twice.
 */
@ApplicationScoped
public class DeliveryRoutes extends RouteBuilder {

    public static final String DELIVER = "direct:deliver";

    /** Never sent to under this name: every message names its target's queue in {@link JmsConstants#JMS_DESTINATION_NAME}. */
    static final String TARGET_QUEUES = "jms:queue:" + Targets.QUEUE_PREFIX + "chosen";

    private static final String JSON = "voucherifyJson";
    static final String CHOSEN = "voucherifyChosenTargets";

    private final Targets targets;
    private final EventJournal history;

    DeliveryRoutes(Targets targets, EventJournal history) {
        this.targets = targets;
        this.history = history;
    }

    @Override
    public void configure() {
        from(DELIVER)
                .routeId("deliver")
                // a failure goes back up to dispatch, whose delivery-errors retries or parks the inbox message
                .errorHandler(noErrorHandler())
                .process(this::choose)
                // asked by the acceptance (DispatchPlanner): the targets are chosen, the acceptance sends
                .filter(exchangeProperty(DispatchPlanner.PLANNING).isNull())
                .setProperty(JSON, simple("${body.json}"))
                // sequential, in this thread: every send joins the inbox message's JMS transaction
                .split(exchangeProperty(CHOSEN)).stopOnException().shareUnitOfWork()
                    .process(DeliveryRoutes::address)
                    .setBody(exchangeProperty(JSON))
                    // one static endpoint, the target's queue in CamelJmsDestinationName (set by address, removed by
                    // the JMS producer before sending): toD normalised and looked up a URI per message, 5 % of the
                    // product's CPU samples under ThroughputBench
                    .to(TARGET_QUEUES)
                .end()
                .end();
    }

    private void choose(Exchange exchange) {
        Message message = exchange.getMessage();
        List<String> chosen = targets.chosen(message.getHeader(VoucherifyHeaders.TARGETS, String.class));
        String only = message.getHeader(VoucherifyHeaders.REPLAY_TARGET, String.class);
        List<String> delivered = only == null ? chosen : chosen.stream().filter(only::equals).toList();
        if (exchange.getProperty(DispatchPlanner.PLANNING) != null) {
            if (exchange.getProperty(CHOSEN) != null) {
                // rules that deliver twice: each deliver sends in the inbox's transaction, which the acceptance cannot mimic
                throw new IllegalStateException("the dispatch rules deliver more than once: the event goes through the inbox");
            }
            exchange.setProperty(CHOSEN, delivered);
            return; // sent and recorded by the acceptance
        }
        exchange.setProperty(CHOSEN, delivered);
        history.dispatched(message.getHeader(VoucherifyHeaders.HISTORY_ID, String.class),
                message.getHeader(VoucherifyHeaders.RULE, String.class), chosen, delivered, message.getHeader(VoucherifyHeaders.REPLAY_ID, String.class));
        // a target's delivery starts with a clean slate, whatever the inbox message went through
        VoucherifyHeaders.FAILURE_HEADERS.forEach(message::removeHeader);
    }

    /**
     * What a target's deliveries are de-duplicated by: the target and the transaction (or, without one,
     * the event and its source), and the replay's id when a replay asks for a new delivery.
     */
    static String deliveryKey(String target, String transactionId, String eventId, String sourceId, String redeliveredBy) {
        String subject = transactionId != null ? "transaction:" + transactionId : "event:" + eventId + ":" + sourceId;
        return target + ":" + subject + (redeliveredBy != null ? ":replay:" + redeliveredBy : "");
    }

    private static void address(Exchange exchange) {
        Message message = exchange.getMessage();
        String target = message.getBody(String.class);
        String replayId = message.getHeader(VoucherifyHeaders.REPLAY_ID, String.class);
        boolean redeliver = replayId != null && message.getHeader(VoucherifyHeaders.REDELIVER, false, Boolean.class);
        message.setHeader(VoucherifyHeaders.TARGET, target);
        message.setHeader(JmsConstants.JMS_DESTINATION_NAME, Targets.queue(target));
        message.setHeader(VoucherifyHeaders.DELIVERY_KEY, deliveryKey(target, message.getHeader(VoucherifyHeaders.TRANSACTION_ID, String.class),
                message.getHeader(VoucherifyHeaders.EVENT_ID, String.class), message.getHeader(VoucherifyHeaders.SOURCE_ID, String.class),
                redeliver ? replayId : null));
        // no duplicate-detection id on this hop: it is transacted, and Artemis fails a whole transaction
        // that carries a duplicate, which would send a second event of one transaction round in circles
        message.removeHeader(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID);
        String voucherId = message.getHeader(VoucherifyHeaders.VOUCHER_ID, String.class);
        if (voucherId != null) {
            message.setHeader(VoucherifyHeaders.GROUP_ID, voucherId);
        }
    }
}
