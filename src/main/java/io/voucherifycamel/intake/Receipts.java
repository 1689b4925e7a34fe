package io.voucherifycamel.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.WebhookEvent;

/** The {@code webhook_receipt} table: the primary key on the de-duplication key decides what was seen. */
@ApplicationScoped
class Receipts {

    // a key recorded before answers 0 rows instead of failing, so one duplicate does not abort the batch
    private static final String INSERT = "INSERT INTO webhook_receipt (dedup_key, event_id, event_type, source_id, received_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /**
     * Records the keys of each event in the caller's transaction; an event any of whose keys was
     * recorded before is a duplicate, and none of its keys is recorded. The database's unique
     * constraint, not a prior read, decides, so two instances racing on one event cannot both win.
     *
     * @return for each event, true if it is new
     */
    boolean[] record(Connection connection, List<WebhookEvent> events, List<List<String>> keys) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean[] fresh = new boolean[events.size()];
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < events.size(); i++) {
                WebhookEvent event = events.get(i);
                // with several keys, a duplicate found on the second must not leave the first recorded
                Savepoint before = keys.get(i).size() > 1 ? connection.setSavepoint() : null;
                fresh[i] = true;
                for (String key : keys.get(i)) {
                    insert.setString(1, key);
                    insert.setString(2, Sql.fit(event.getEvent() == null ? null : event.getEvent().getId(), 255));
                    insert.setString(3, Sql.fit(event.getEventType(), 255));
                    insert.setString(4, Sql.fit(event.getSource() == null ? null : event.getSource().getId(), 255));
                    insert.setObject(5, now);
                    if (insert.executeUpdate() == 0) {
                        fresh[i] = false;
                        break;
                    }
                }
                if (!fresh[i] && before != null) {
                    connection.rollback(before); // its other keys were not seen: they stay unrecorded
                } else if (before != null) {
                    connection.releaseSavepoint(before);
                }
            }
        }
        return fresh;
    }
}
