package io.voucherifycamel.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.event.UnprocessableReason;

/**
 * Keeps an authentic body that cannot be processed, byte for byte, in {@code quarantined_webhook},
 * before Voucherify gets its 2xx: a 4xx would only make Voucherify retry and then disable the webhook.
 */
@ApplicationScoped
public class Quarantine {

    /** Exchange property holding the body exactly as received. */
    public static final String RAW_BODY = "voucherifyRawBody";

    private static final Logger LOG = Logger.getLogger(Quarantine.class);
    private static final String INSERT = "INSERT INTO quarantined_webhook"
            + " (id, received_at, reason, detail, event_type, content_type, body) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final IntakeMetrics metrics;

    Quarantine(Database database, IntakeMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
    }

    public Acknowledgement keep(ReadResult.Unprocessable unprocessable, byte[] body, String contentType) throws SQLException {
        String id = UUID.randomUUID().toString();
        String reason = unprocessable.reason().code();
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(3, reason);
            insert.setString(4, Sql.storable(unprocessable.detail(), 1000));
            // the event type comes from the body itself, and may be as odd as the rest of it
            insert.setString(5, Sql.storable(unprocessable.eventType(), 255));
            insert.setString(6, Sql.storable(contentType, 255));
            insert.setBytes(7, body);
            insert.executeUpdate();
        }
        metrics.count("quarantined", reason);
        LOG.warnf("Quarantined webhook %s (%s): %s", id, reason, unprocessable.detail());
        return Acknowledgement.quarantined(id, reason, unprocessable.detail());
    }

    /**
     * Keeps a readable event whose hand-off failed for good (the database refused one of its values,
     * or a bug): the detail names the failure's kind and SQLSTATE, never the refused value.
     */
    public Acknowledgement keepUnstorable(byte[] body, String contentType, String eventType, Exception cause) throws SQLException {
        SQLException sql = Sql.find(cause);
        ReadResult.Unprocessable unprocessable = sql != null
                ? new ReadResult.Unprocessable(UnprocessableReason.UNSTORABLE_VALUE,
                        "the database refused a value of this event (SQLSTATE " + sql.getSQLState() + ")", eventType)
                : new ReadResult.Unprocessable(UnprocessableReason.INTERNAL_ERROR,
                        "storing the event failed with " + cause.getClass().getSimpleName() + "; see the log", eventType);
        LOG.errorf(cause, "Accepting a %s event failed for good; its body is quarantined", eventType);
        return keep(unprocessable, body, contentType);
    }

    /** The quarantined bodies, newest first, without their content. */
    public List<Map<String, Object>> list() throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT id, received_at, reason, detail, event_type"
                        + " FROM quarantined_webhook ORDER BY received_at DESC");
                ResultSet rows = select.executeQuery()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", rows.getString("id"));
                entry.put("received_at", rows.getObject("received_at", OffsetDateTime.class).toString());
                entry.put("reason", rows.getString("reason"));
                entry.put("detail", rows.getString("detail"));
                entry.put("event_type", rows.getString("event_type"));
                entries.add(entry);
            }
            return entries;
        }
    }

    public Optional<byte[]> body(String id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT body FROM quarantined_webhook WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    public void release(String id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM quarantined_webhook WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }
}
