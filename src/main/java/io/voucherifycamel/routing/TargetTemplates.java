package io.voucherifycamel.routing;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.message.EventJournal;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * The three kinds of target, as route templates that {@code routes/targets.camel.yaml} instantiates with
 * {@code templatedRoute}. Each owns everything a target is made of, so that a YAML entry only names it:
 * its queue and route id ({@link Targets}), the consumers, the acknowledgement, the shared error
 * handling ({@link DeliveryErrors}) and, for JMS, the duplicate-detection id. The parameters are
 * documented here and in docs/routing-and-targets.md ("Targets").
 */
@ApplicationScoped
public class TargetTemplates extends RouteBuilder {

    /** A Java bean ({@code io.voucherifycamel.delivery.Target}) does the delivery: database, mail … */
    public static final String BEAN_TARGET = "bean-target";
    /** The event is forwarded to a JMS queue or topic. */
    public static final String JMS_TARGET = "jms-target";
    /** Any Camel endpoint does the delivery, typically a Kamelet sink (voucherify-ledger-sink, voucherify-mail-sink). */
    public static final String SINK_TARGET = "sink-target";
    /** The idempotent consumer's name for its rows in CAMEL_MESSAGEPROCESSED (db/migration V5). */
    static final String SINK_DELIVERIES = "voucherify-sink-target";

    /**
     * One local JMS transaction on the listener's own session, which Camel's sends in the same thread
     * join (Spring exposes the listener session to them). Not Camel's default JmsTransactionManager:
     * with a cached consumer that one receives on one session and sends on another, committed one
     * after the other, so a crash between the two commits consumed a message whose sends were lost
     * (seen in FaultRunIT: an event dispatched just before kill -9 reached no target).
     */
    static final String LOCAL_TRANSACTION = "transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER";

    static final String NAME = "name";
    static final String BEAN = "bean";
    static final String DESTINATION = "destination";
    static final String CONSUMERS = "consumers";
    static final String SINK = "sink";

    private static final String NAME_DESCRIPTION = "The target's name, as the dispatch rules write it in VoucherifyTargets."
            + " It reads the queue voucherify.target.<name>; its route is target-<name>.";
    private static final String CONSUMERS_DESCRIPTION = "Concurrent consumers of the target's queue."
            + " One card's events are still taken one at a time, in order (JMS group = voucher id).";

    private final DeliveryConfig config;
    private final DeliveryMetrics metrics;
    private final EventJournal journal;
    private final Database database;

    TargetTemplates(DeliveryConfig config, DeliveryMetrics metrics, EventJournal journal, Database database) {
        this.config = config;
        this.metrics = metrics;
        this.journal = journal;
        this.database = database;
    }

    @Override
    public void configure() {
        // a templatedRoute without routeId gets a generated one (route5 …): name each target's route
        // after the target, so that logs and metrics say target-ledger and Targets can find it
        Model model = getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
        model.addRouteTemplateDefinitionConverter(BEAN_TARGET, TargetTemplates::namedAfterTarget);
        model.addRouteTemplateDefinitionConverter(JMS_TARGET, TargetTemplates::namedAfterTarget);
        model.addRouteTemplateDefinitionConverter(SINK_TARGET, TargetTemplates::namedAfterTarget);

        // Writes elsewhere (database, mail): reads its queue in a JMS transaction that commits after
        // the bean returned, so a crash before that leaves the message in the broker.
        routeTemplate(BEAN_TARGET)
                .templateParameter(NAME, null, NAME_DESCRIPTION)
                .templateParameter(BEAN, null, "The name of the CDI bean that delivers, a io.voucherifycamel.delivery.Target"
                        + " (shipped: ledger, financeMail).")
                .templateParameter(CONSUMERS, String.valueOf(config.consumers()), CONSUMERS_DESCRIPTION)
                .from(queue() + "?" + LOCAL_TRANSACTION + "&concurrentConsumers={{" + CONSUMERS + "}}")
                    .routeConfigurationId(DeliveryErrors.ID)
                    // the acceptance's duplicate-detection id is the broker's business on this queue only: a bean that
                    // sends on in this transaction must not carry it (Artemis fails a transaction with a repeated id)
                    .removeHeader(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID)
                    .convertBodyTo(WebhookEvent.class)
                    // the one bean called by name: the YAML entry names it (its bean parameter)
                    .to("bean:{{" + BEAN + "}}?method=deliver")
                    .process(this::delivered);

        // Any endpoint by YAML alone (a Kamelet sink: database, mail …), in the same JMS transaction as
        // bean-target. The endpoint need not be idempotent itself: an idempotent consumer on the delivery
        // key (target + transaction) skips a delivery already made, recorded in the database once the
        // exchange has completed (eager=false), so a failed attempt is retried and a redelivered, replayed
        // or re-reported event is not delivered twice; only a crash between the endpoint's success and
        // that record repeats one. Recording before the endpoint (eager) would lose the delivery instead.
        routeTemplate(SINK_TARGET)
                .templateParameter(NAME, null, NAME_DESCRIPTION)
                .templateParameter(SINK, null, "The endpoint that delivers, e.g. kamelet:voucherify-ledger-sink?table=gift_ledger"
                        + "&dataSource=voucherifyDataSource or kamelet:voucherify-mail-sink?host=…; its body is the event's JSON,"
                        + " its headers the Voucherify* ones. A failure is retried or dead-lettered like any target's.")
                .templateParameter(CONSUMERS, String.valueOf(config.consumers()), CONSUMERS_DESCRIPTION)
                .from(queue() + "?" + LOCAL_TRANSACTION + "&concurrentConsumers={{" + CONSUMERS + "}}")
                    .routeConfigurationId(DeliveryErrors.ID)
                    .removeHeader(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID) // as in bean-target
                    .idempotentConsumer(header(VoucherifyHeaders.DELIVERY_KEY), sinkDeliveries())
                        .eager(false)
                        .to("{{" + SINK + "}}")
                    .end()
                    .process(this::delivered);

        // Sends to the broker: acknowledges after the send rather than in a transaction, because
        // Artemis fails a whole transaction that carries a duplicate, and the duplicate-detection id
        // (target + transaction) is what makes a redelivered or re-reported event arrive once.
        routeTemplate(JMS_TARGET)
                .templateParameter(NAME, null, NAME_DESCRIPTION)
                .templateParameter(DESTINATION, null, "Where the event goes, as queue:<name> or topic:<name>"
                        + " (for example topic:voucherify.gift.automatic). Persistent; the event's JSON as body, its"
                        + " Voucherify* headers as properties.")
                .templateParameter(CONSUMERS, String.valueOf(config.consumers()), CONSUMERS_DESCRIPTION)
                .from(queue() + "?acknowledgementModeName=CLIENT_ACKNOWLEDGE&concurrentConsumers={{" + CONSUMERS + "}}")
                    .routeConfigurationId(DeliveryErrors.ID)
                    .setHeader(VoucherifyHeaders.ARTEMIS_DUPLICATE_ID, header(VoucherifyHeaders.DELIVERY_KEY))
                    .to("jms:{{" + DESTINATION + "}}")
                    .process(this::delivered);
    }

    /** After a target's success, in every template: counted, and recorded in the event history. */
    private void delivered(Exchange exchange) {
        Message message = exchange.getMessage();
        String target = message.getHeader(VoucherifyHeaders.TARGET, String.class);
        metrics.delivered(target, message.getHeader(VoucherifyHeaders.ACCEPTED_AT, Long.class));
        int attempts = message.getHeader(VoucherifyHeaders.FAILED_ATTEMPTS, 0, Integer.class) + 1;
        journal.delivered(message.getHeader(VoucherifyHeaders.HISTORY_ID, String.class), target, attempts,
                message.getHeader(VoucherifyHeaders.REPLAY_ID, String.class));
    }

    /** One repository for every sink-target (the template's routes share it): the delivery key already names the target. */
    private JdbcMessageIdRepository sinkDeliveries() {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(database.dataSource(), SINK_DELIVERIES);
        repository.setCreateTableIfNotExists(false); // db/migration V5 creates it
        return repository;
    }

    private static RouteDefinition namedAfterTarget(RouteTemplateDefinition template, Map<String, Object> parameters)
            throws Exception {
        RouteDefinition route = RouteTemplateDefinition.Converter.DEFAULT_CONVERTER.apply(template, parameters);
        route.setId(Targets.routeId(String.valueOf(parameters.get(NAME))));
        return route;
    }

    private static String queue() {
        return "jms:queue:" + Targets.QUEUE_PREFIX + "{{" + NAME + "}}";
    }
}
