package io.voucherifycamel.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.WebhookEvent;

/** The {@code webhook_receipt} table: the primary key on the de-duplication key decides what was seen. */
@ApplicationScoped
class Receipts {

    private static final String INSERT = "INSERT INTO webhook_receipt (dedup_key, event_id, event_type, source_id, received_at)"
            + " VALUES (?, ?, ?, ?, ?)";

    /**
     * Records the keys in the caller's transaction. False if any was recorded before: the database's
     * unique constraint, not a prior read, decides, so two instances racing on one event cannot both win.
     */
    boolean record(Connection connection, List<String> keys, WebhookEvent event) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String key : keys) {
                insert.setString(1, key);
                insert.setString(2, Sql.fit(event.getEvent() == null ? null : event.getEvent().getId(), 255));
                insert.setString(3, Sql.fit(event.getEventType(), 255));
                insert.setString(4, Sql.fit(event.getSource() == null ? null : event.getSource().getId(), 255));
                insert.setObject(5, now);
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (Sql.isUniqueViolation(e)) {
                        return false;
                    }
                    throw e;
                }
            }
        }
        return true;
    }
}
