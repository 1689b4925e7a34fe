package io.voucherifycamel.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.component.jms.DefaultJmsKeyFormatStrategy;
import org.apache.camel.component.jms.JmsKeyFormatStrategy;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OtherwiseDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.broker.QueueCounts;
import io.voucherifycamel.event.EventHeaders;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.message.Dispatch;
import io.voucherifycamel.message.DispatchRules;

/**
 * Runs the dispatch rules when an event is accepted, rather than after the answer from the inbox, so
 * that the acceptance can hand the event straight to the queues of the targets chosen, in the
 * transaction that records it: one JMS hop per target instead of the inbox's extra one. The
 * acceptance asks only for events it records as new (a duplicate is not dispatched, not even logged).
 * <p>
 * Only rules that merely choose are run this early: every step of the {@code dispatch} route a
 * {@code choice}, {@code filter}, {@code setHeader}, {@code setProperty}, {@code removeHeader}, {@code log}
 * or the final {@code to: direct:deliver}. Rules with any other step (a send, a bean, a script)
 * could have effects outside the acceptance's transaction, so with them every event goes through the
 * inbox, whose transaction covers them. The inbox is also the way when it is not running (processing
 * paused: events wait there) or still holds events (a card's new event must not overtake its older
 * ones there), when the rules fail, choose nothing or deliver twice, or leave a header no JMS message
 * can carry, so that the inbox retries or parks the event with its reason as it always did.
 * {@link #plan} then answers null.
 */
@ApplicationScoped
public class DispatchPlanner implements DispatchRules {

    /** Exchange property of an exchange that only asks the rules (nothing is sent, nothing recorded). */
    static final String PLANNING = "voucherifyPlanning";

    private static final Logger LOG = Logger.getLogger(DispatchPlanner.class);
    private static final JmsKeyFormatStrategy JMS_NAMES = new DefaultJmsKeyFormatStrategy();

    private static final long LOOK_AT_INBOX_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ConnectionFactory broker;
    private final String inboxQueue;
    /**
     * True once the inbox was seen empty, false again as soon as an event goes through it: while the
     * inbox holds events, a card's new event would overtake the card's older ones waiting there.
     */
    private volatile boolean inboxEmpty;
    private volatile long inboxLookedAt = System.nanoTime() - LOOK_AT_INBOX_EVERY_NANOS;
    /** The dispatch route last checked, and whether its rules only choose: checked again after a reload. */
    private volatile Checked checked;

    private record Checked(Route route, boolean onlyChoose) {
    }

    DispatchPlanner(CamelContext camel, ProducerTemplate producer,
            @Identifier(PooledConnectionFactory.NAME) ConnectionFactory broker, BrokerConfig brokerConfig) {
        this.camel = camel;
        this.producer = producer;
        this.broker = broker;
        this.inboxQueue = brokerConfig.inboxQueue();
    }

    /** The targets the rules choose for this event now, or null when the event is to go through the inbox. */
    @Override
    public Dispatch plan(WebhookEvent event, Map<String, String> requestTrace) {
        Dispatch dispatch = inboxRunning() && rulesOnlyChoose() && inboxEmpty() ? ask(event, requestTrace) : null;
        if (dispatch == null) {
            inboxEmpty = false; // this event goes through the inbox: the next ones wait until it is through
        }
        return dispatch;
    }

    private Dispatch ask(WebhookEvent event, Map<String, String> requestTrace) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(PLANNING, true);
        Message message = exchange.getMessage();
        message.setBody(event);
        // the headers the inbox message carries (EventMessage.describing), then the facts the rules compare
        EventHeaders.identifyAndDescribe(message, event);
        header(message, VoucherifyHeaders.SOURCE_ID, event.getSource() == null ? null : event.getSource().getId());
        header(message, VoucherifyHeaders.DELIVERY_ID, event.getId());
        // the request's trace: Camel takes a new exchange's parent span from its headers, not from the thread
        message.getHeaders().putAll(requestTrace);
        producer.send(InboxRoute.DISPATCH, exchange);
        if (exchange.getException() != null) {
            LOG.debugf("The rules failed for %s at acceptance (%s): the event goes through the inbox", event.getEventType(),
                    exchange.getException().toString());
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> chosen = exchange.getProperty(DeliveryRoutes.CHOSEN, List.class);
        if (chosen == null) {
            return null; // the rules stopped before choosing: the inbox does with it what it always did
        }
        Map<String, Object> carried = carried(message);
        if (carried == null) {
            return null;
        }
        String transactionId = message.getHeader(VoucherifyHeaders.TRANSACTION_ID, String.class);
        String eventId = message.getHeader(VoucherifyHeaders.EVENT_ID, String.class);
        String sourceId = message.getHeader(VoucherifyHeaders.SOURCE_ID, String.class);
        List<Dispatch.Delivery> deliveries = new ArrayList<>(chosen.size());
        for (String target : chosen) {
            deliveries.add(new Dispatch.Delivery(target, Targets.queue(target),
                    DeliveryRoutes.deliveryKey(target, transactionId, eventId, sourceId, null)));
        }
        return new Dispatch(message.getHeader(VoucherifyHeaders.RULE, String.class), chosen, carried, deliveries);
    }

    /**
     * The headers the rules left, as Camel's JMS producer would send them (names with '.' and '-'
     * encoded, values as JMS properties take them); null when one cannot be a JMS property at all, so
     * that the inbox's send meets it after the answer rather than the acceptance before it.
     */
    private static Map<String, Object> carried(Message message) {
        Map<String, Object> carried = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value == null || name.regionMatches(true, 0, "Camel", 0, 5) || name.startsWith("JMS")) {
                continue; // Camel's own, and the JMS header fields, which a target message sets itself
            }
            String jmsName = JMS_NAMES.encodeKey(name);
            if (!isJavaIdentifier(jmsName)) {
                LOG.debugf("Header %s cannot be a JMS property: the event goes through the inbox", name);
                return null;
            }
            if (value instanceof String || value instanceof Boolean || value instanceof Byte || value instanceof Short
                    || value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Double) {
                carried.put(jmsName, value);
            } else if (value instanceof CharSequence || value instanceof Character || value instanceof Number
                    || value instanceof java.util.Date) {
                carried.put(jmsName, value.toString());
            }
            // anything else Camel's JMS producer leaves out too
        }
        return carried;
    }

    private static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        return name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    /** Whether the inbox holds nothing: asked of the broker at most every 100 ms until it is seen empty. */
    private boolean inboxEmpty() {
        if (inboxEmpty) {
            return true;
        }
        long now = System.nanoTime();
        if (now - inboxLookedAt < LOOK_AT_INBOX_EVERY_NANOS) {
            return false;
        }
        inboxLookedAt = now;
        try {
            inboxEmpty = QueueCounts.messages(broker, inboxQueue) == 0;
        } catch (JMSException | RuntimeException e) {
            LOG.debugf("The inbox's message count cannot be read (%s): events go through the inbox", e.toString());
        }
        return inboxEmpty;
    }

    private boolean inboxRunning() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(InboxRoute.ID);
        return status != null && status.isStarted();
    }

    private boolean rulesOnlyChoose() {
        Route route = camel.getRoute(InboxRoute.DISPATCH_ROUTE);
        ServiceStatus status = camel.getRouteController().getRouteStatus(InboxRoute.DISPATCH_ROUTE);
        if (route == null || status == null || !status.isStarted()) {
            return false; // being reloaded: the inbox asks the rules once they are back
        }
        Checked last = checked;
        if (last != null && last.route() == route) {
            return last.onlyChoose();
        }
        RouteDefinition definition = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinition(InboxRoute.DISPATCH_ROUTE);
        ProcessorDefinition<?> more = definition == null ? null : moreThanChoosing(definition.getOutputs());
        boolean onlyChoose = definition != null && more == null;
        checked = new Checked(route, onlyChoose);
        if (onlyChoose) {
            LOG.infof("The dispatch rules only choose: they are asked when an event is accepted");
        } else {
            LOG.infof("The dispatch rules run from the inbox, after the answer: their step %s may do more than choose",
                    more == null ? "(none found)" : more.getShortName() + " " + more.getLabel());
        }
        return onlyChoose;
    }

    /** The first step that may do more than choose, or null. */
    private static ProcessorDefinition<?> moreThanChoosing(List<ProcessorDefinition<?>> steps) {
        for (ProcessorDefinition<?> step : steps) {
            ProcessorDefinition<?> more = moreThanChoosing(step);
            if (more != null) {
                return more;
            }
        }
        return null;
    }

    private static ProcessorDefinition<?> moreThanChoosing(ProcessorDefinition<?> definition) {
        Object step = definition; // WhenDefinition and OtherwiseDefinition are not ProcessorDefinition<?> to javac's instanceof
        if (step instanceof ChoiceDefinition choice) {
            for (WhenDefinition when : choice.getWhenClauses()) {
                ProcessorDefinition<?> more = moreThanChoosing(when.getOutputs());
                if (more != null) {
                    return more;
                }
            }
            OtherwiseDefinition otherwise = choice.getOtherwise();
            return otherwise == null ? null : moreThanChoosing(otherwise.getOutputs());
        }
        if (step instanceof FilterDefinition || step instanceof WhenDefinition || step instanceof OtherwiseDefinition) {
            return moreThanChoosing(definition.getOutputs());
        }
        if (step instanceof ToDefinition to) {
            return DeliveryRoutes.DELIVER.equals(to.getUri()) ? null : definition;
        }
        if (step instanceof OnExceptionDefinition onException) {
            // the shared delivery-errors (DeliveryErrors) leaves a planning exchange's failure alone; a clause of the
            // rules' own would handle it at acceptance too, so its steps may only choose as well
            boolean shared = onException.getId() != null && onException.getId().startsWith(DeliveryErrors.ID);
            return shared ? null : moreThanChoosing(onException.getOutputs());
        }
        boolean chooses = step instanceof SetHeaderDefinition || step instanceof SetPropertyDefinition
                || step instanceof RemoveHeaderDefinition || step instanceof LogDefinition;
        return chooses ? null : definition;
    }

    private static void header(Message message, String name, String value) {
        if (value != null && !value.isBlank()) {
            message.setHeader(name, value);
        }
    }
}
