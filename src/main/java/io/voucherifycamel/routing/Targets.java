package io.voucherifycamel.routing;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;

import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.retry.PermanentFailure;

/**
 * The one place that knows what a target is made of: its queue ({@value #QUEUE_PREFIX}&lt;name&gt;)
 * and its route ({@value #ROUTE_PREFIX}&lt;name&gt;), as the {@link TargetTemplates} create them.
 * {@code deliver} and the dead-letter replay ask here.
 */
@ApplicationScoped
public class Targets {

    public static final String QUEUE_PREFIX = "voucherify.target.";
    public static final String ROUTE_PREFIX = "target-";

    private final CamelContext camel;

    Targets(CamelContext camel) {
        this.camel = camel;
    }

    /** The queue a target reads. */
    public static String queue(String target) {
        return QUEUE_PREFIX + target;
    }

    /** The id of the route that serves a target. */
    public static String routeId(String target) {
        return ROUTE_PREFIX + target;
    }

    /** True while a route serves this target (routes come and go with live reload). */
    public boolean isServed(String target) {
        return camel.getRoute(routeId(target)) != null;
    }

    /**
     * The targets a rule chose ({@code VoucherifyTargets}, comma-separated), every one of them served:
     * a typo in a rule must not fill a queue nobody reads, and fails before anything is sent.
     */
    public List<String> chosen(String targets) {
        List<String> names = targets == null ? List.of()
                : Arrays.stream(targets.split(",")).map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            throw new PermanentFailure("the dispatch rules chose no target (header " + VoucherifyHeaders.TARGETS + " is empty)");
        }
        for (String name : names) {
            if (!isServed(name)) {
                throw new PermanentFailure("no route serves target '" + name + "' (route " + routeId(name) + ", queue "
                        + queue(name) + "); check the dispatch rules and the targets in routes/");
            }
        }
        return names;
    }
}
