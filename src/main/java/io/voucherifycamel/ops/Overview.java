package io.voucherifycamel.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the operations console shows at the top: the hash of the route files serving and each queue's
 * backlog. The backlog is the one {@link QueueBacklog} last sampled for the metrics (every
 * {@code voucherify.metrics.queue-interval}), not a fresh broker query: the console refreshes every few
 * seconds and should not add management traffic of its own.
 */
@ApplicationScoped
public class Overview {

    private final RouteFolder routes;
    private final QueueBacklog backlog;

    Overview(RouteFolder routes, QueueBacklog backlog) {
        this.routes = routes;
        this.backlog = backlog;
    }

    public Map<String, Object> read() {
        List<Map<String, Object>> queues = new ArrayList<>();
        for (QueueBacklog.Sample sample : backlog.lastSampled()) {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("queue", sample.queue());
            queue.put("messages", Double.isNaN(sample.messages()) ? null : (long) sample.messages());
            queue.put("oldest_age_seconds", known(sample.oldestAgeSeconds()));
            queues.add(queue);
        }
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("routes_hash", routes.hash());
        overview.put("queues", queues);
        return overview;
    }

    /** NaN (broker not answering, or not sampled yet) becomes null: JSON has no NaN. */
    private static Object known(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
