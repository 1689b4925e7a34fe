package io.voucherifycamel.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.jms.JMSException;

import org.jboss.logging.Logger;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.event.WebhookEvent;

/**
 * Accepts an authentic event exactly once: records its keys and puts it on the inbox queue in one
 * database transaction, committed only after the broker has the message. A crash before the commit
 * leaves no receipt, so Voucherify's retry is accepted again, and Artemis' duplicate detection drops
 * the second copy if the first had reached the broker.
 */
@ApplicationScoped
@Named("handOff")
public class HandOff {

    private static final Logger LOG = Logger.getLogger(HandOff.class);

    private final Database database;
    private final Receipts receipts;
    private final Inbox inbox;
    private final IntakeMetrics metrics;

    HandOff(Database database, Receipts receipts, Inbox inbox, IntakeMetrics metrics) {
        this.database = database;
        this.receipts = receipts;
        this.inbox = inbox;
        this.metrics = metrics;
    }

    public Acknowledgement accept(ReadResult.Readable readable) throws SQLException, JMSException {
        WebhookEvent event = readable.event();
        String eventId = event.getEvent() == null ? null : event.getEvent().getId();
        List<String> keys = DedupKeys.of(event);
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (!receipts.record(connection, keys, event)) {
                    connection.rollback();
                    metrics.count("duplicate", "none");
                    LOG.debugf("Duplicate %s %s not processed again", event.getEventType(), eventId);
                    return Acknowledgement.duplicate(eventId, event.getEventType());
                }
                inbox.send(event, keys.isEmpty() ? null : keys.get(0));
                connection.commit();
            } catch (SQLException | JMSException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            }
        }
        metrics.count("accepted", "none");
        return Acknowledgement.accepted(eventId, event.getEventType());
    }
}
