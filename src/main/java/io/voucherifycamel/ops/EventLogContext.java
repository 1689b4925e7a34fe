package io.voucherifycamel.ops;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.jboss.logging.MDC;

import io.quarkus.arc.Unremovable;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * Every log line written while an event is processed names it: the event's id, type, transaction id
 * and target (the headers of the same names) are put in the logging context (MDC) when a route takes
 * the event and removed when it is done. JSON log lines (production) carry them under "mdc"; a plain
 * format can print one with {@code %X{VoucherifyEventId}}. Camel takes it from the registry (a
 * {@link RoutePolicyFactory} bean) as it starts, before any route exists, so it applies to every route,
 * the YAML ones and those loaded later included. (Adding it to the context by hand as well made every
 * route run it twice.)
 */
@ApplicationScoped
@Unremovable // nothing injects it: Camel looks it up by type
public class EventLogContext implements RoutePolicyFactory {

    static final List<String> KEYS = List.of(VoucherifyHeaders.EVENT_ID, VoucherifyHeaders.EVENT_TYPE, VoucherifyHeaders.TRANSACTION_ID,
            VoucherifyHeaders.TARGET);

    private final RoutePolicy policy = new RoutePolicySupport() {
        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            for (String key : KEYS) {
                String value = exchange.getMessage().getHeader(key, String.class);
                if (value != null) {
                    MDC.put(key, value);
                }
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            // a direct: route shares its caller's exchange: only the route that took it clears the context
            if (route.getRouteId().equals(exchange.getFromRouteId())) {
                KEYS.forEach(MDC::remove);
            }
        }
    };

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return policy;
    }
}
