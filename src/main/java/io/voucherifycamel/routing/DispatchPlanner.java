package io.voucherifycamel.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
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

import io.voucherifycamel.event.EventHeaders;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.message.Dispatch;
import io.voucherifycamel.message.TraceContext;

/**
 * Runs the dispatch rules when an event is accepted, rather than after the answer from the inbox, so
 * that the acceptance can hand the event straight to the queues of the targets chosen, in the
 * transaction that records it: one JMS hop per target instead of the inbox's extra one.
 * <p>
 * Only rules that merely choose are run this early: every step of the {@code dispatch} route a
 * {@code choice}, {@code filter}, {@code setHeader}, {@code setProperty}, {@code removeHeader}, {@code log}
 * or the final {@code to: direct:deliver}. Rules with any other step (a send, a bean, a script)
 * could have effects outside the acceptance's transaction, so with them every event goes through the
 * inbox, whose transaction covers them. The inbox is also the way when it is not running (processing
 * paused: events wait there), and when the rules fail or choose nothing, so that the inbox retries or
 * parks the event with its reason as it always did. {@link #plan} then answers null.
 */
@ApplicationScoped
public class DispatchPlanner {

    /** Exchange property of an exchange that only asks the rules (nothing is sent, nothing recorded). */
    static final String PLANNING = "voucherifyPlanning";

    private static final Logger LOG = Logger.getLogger(DispatchPlanner.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final TraceContext traceContext;
    /** The dispatch route last checked, and whether its rules only choose: checked again after a reload. */
    private volatile Checked checked;

    private record Checked(Route route, boolean onlyChoose) {
    }

    DispatchPlanner(CamelContext camel, ProducerTemplate producer, TraceContext traceContext) {
        this.camel = camel;
        this.producer = producer;
        this.traceContext = traceContext;
    }

    /** The targets the rules choose for this event now, or null when the event is to go through the inbox. */
    public Dispatch plan(WebhookEvent event) {
        if (!inboxRunning() || !rulesOnlyChoose()) {
            return null;
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(PLANNING, true);
        Message message = exchange.getMessage();
        message.setBody(event);
        // the headers the inbox message carries (EventMessage.describing), then the facts the rules compare
        EventHeaders.identifyAndDescribe(message, event);
        header(message, VoucherifyHeaders.SOURCE_ID, event.getSource() == null ? null : event.getSource().getId());
        header(message, VoucherifyHeaders.DELIVERY_ID, event.getId());
        // the request's trace: Camel takes a new exchange's parent span from its headers, not from the thread
        message.getHeaders().putAll(traceContext.current());
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
        Map<String, Object> carried = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            boolean jmsProperty = value instanceof String || value instanceof Number || value instanceof Boolean;
            if (jmsProperty && !name.regionMatches(true, 0, "Camel", 0, 5)) {
                carried.put(name, value);
            }
        });
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

    private boolean inboxRunning() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(InboxRoute.ID);
        return status != null && status.isStarted();
    }

    private boolean rulesOnlyChoose() {
        Route route = camel.getRoute(InboxRoute.DISPATCH_ROUTE);
        if (route == null) {
            return false;
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
        // error handling (delivery-errors, which the route names) is what happens to a failure, not a step of the rules
        boolean chooses = step instanceof OnExceptionDefinition || step instanceof SetHeaderDefinition || step instanceof SetPropertyDefinition
                || step instanceof RemoveHeaderDefinition || step instanceof LogDefinition;
        return chooses ? null : definition;
    }

    private static void header(Message message, String name, String value) {
        if (value != null && !value.isBlank()) {
            message.setHeader(name, value);
        }
    }
}
