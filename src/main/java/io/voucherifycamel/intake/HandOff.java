package io.voucherifycamel.intake;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.message.DispatchRules;

/**
 * Accepts an authentic event exactly once: its keys recorded in the database and the event put on
 * the queues of the targets the rules chose (or on the inbox queue, when the rules were not asked at
 * acceptance), in one database transaction committed only after the broker has the messages (see
 * {@link AcceptanceWriter}, which does this for many concurrent webhooks at once). A crash before the
 * database commit leaves no receipt, so Voucherify's retry is accepted again, and Artemis' duplicate
 * detection drops the second copy if the first had reached the broker.
 */
@ApplicationScoped
public class HandOff {

    private static final Logger LOG = Logger.getLogger(HandOff.class);
    /** Longer than the broker client's call timeout: a request never waits forever for a stuck store. */
    private static final long MAX_WAIT_SECONDS = 10;

    private final AcceptanceWriter writer;
    private final IntakeMetrics metrics;

    HandOff(AcceptanceWriter writer, IntakeMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * Accepts the event; when {@code rules} (null: none) choose targets for it, their messages are sent
     * instead of an inbox message.
     */
    public Acknowledgement accept(ReadResult.Readable readable, DispatchRules rules) throws Exception {
        WebhookEvent event = readable.event();
        String eventId = event.getEvent() == null ? null : event.getEvent().getId();
        List<String> keys = DedupKeys.of(event);
        boolean accepted;
        try {
            accepted = writer.submit(event, keys, rules).get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (!accepted) {
            metrics.count("duplicate", "none");
            LOG.debugf("Duplicate %s %s not processed again", event.getEventType(), eventId);
            return Acknowledgement.duplicate(eventId, event.getEventType());
        }
        metrics.count("accepted", "none");
        return Acknowledgement.accepted(eventId, event.getEventType());
    }
}
