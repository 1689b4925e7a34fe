package io.voucherifycamel.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.message.Stage;

/**
 * Answers "did event X arrive, where did it go": accepted events by event id, transaction id or card
 * (voucher id or code), newest first, each with the rule that matched, the targets it chose and each
 * stage's latest outcome.
 */
@ApplicationScoped
public class EventLookup {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String COLUMNS = "SELECT id, event_id, event_type, source_id, transaction_id, voucher_id, voucher_code,"
            + " received_at, rule, targets, dispatched_at FROM event_history LEFT JOIN event_dispatch ON history_id = id";

    private final Database database;

    EventLookup(Database database) {
        this.database = database;
    }

    /** Events matching every criterion given (none: the most recent ones). */
    public List<Map<String, Object>> find(String eventId, String transactionId, String card, String limit) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
        List<String> values = new ArrayList<>();
        if (present(eventId)) {
            sql.append(" AND event_id = ?");
            values.add(eventId);
        }
        if (present(transactionId)) {
            sql.append(" AND transaction_id = ?");
            values.add(transactionId);
        }
        if (present(card)) {
            sql.append(" AND (voucher_id = ? OR voucher_code = ?)");
            values.add(card);
            values.add(card);
        }
        sql.append(" ORDER BY received_at DESC, id LIMIT ").append(limit(limit));
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 1, values.get(i));
            }
            List<Map<String, Object>> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(describe(rows));
                }
            }
            for (Map<String, Object> event : events) {
                event.put("targets", outcomes(connection, event));
            }
            return events;
        }
    }

    /** One event with its body, as it arrived. */
    public Map<String, Object> get(String id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        COLUMNS.replace(" FROM", ", body FROM") + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw HistoryRequestException.notFound("event " + id);
                }
                Map<String, Object> event = describe(row);
                event.put("targets", outcomes(connection, event));
                event.put("body", new String(row.getBytes("body"), StandardCharsets.UTF_8));
                return event;
            }
        }
    }

    private static Map<String, Object> describe(ResultSet row) throws SQLException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", row.getString("id"));
        event.put("event_id", row.getString("event_id"));
        event.put("event_type", row.getString("event_type"));
        event.put("source_id", row.getString("source_id"));
        event.put("transaction_id", row.getString("transaction_id"));
        event.put("card", row.getString("voucher_id"));
        event.put("card_code", row.getString("voucher_code"));
        event.put("received_at", text(row.getObject("received_at", OffsetDateTime.class)));
        event.put("rule", row.getString("rule"));
        event.put("chosen_targets", row.getString("targets"));
        event.put("dispatched_at", text(row.getObject("dispatched_at", OffsetDateTime.class)));
        return event;
    }

    /** Each stage's outcome; a chosen target with none recorded yet is PENDING. */
    private static List<Map<String, Object>> outcomes(Connection connection, Map<String, Object> event) throws SQLException {
        String historyId = (String) event.get("id");
        try (PreparedStatement select = connection.prepareStatement("SELECT stage, status, attempts, detail, replay_id, updated_at"
                + " FROM event_outcome WHERE history_id = ? ORDER BY stage")) {
            select.setString(1, historyId);
            List<Map<String, Object>> outcomes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> outcome = new LinkedHashMap<>();
                    outcome.put("target", rows.getString("stage"));
                    outcome.put("status", rows.getString("status"));
                    outcome.put("attempts", rows.getInt("attempts"));
                    outcome.put("last_error", rows.getString("detail"));
                    outcome.put("replay_id", rows.getString("replay_id"));
                    outcome.put("updated_at", text(rows.getObject("updated_at", OffsetDateTime.class)));
                    outcomes.add(outcome);
                }
            }
            String chosen = (String) event.get("chosen_targets");
            if (present(chosen)) {
                for (String target : chosen.split(",")) {
                    if (outcomes.stream().noneMatch(outcome -> target.equals(outcome.get("target")))) {
                        Map<String, Object> pending = new LinkedHashMap<>();
                        pending.put("target", target);
                        pending.put("status", Stage.PENDING.name());
                        pending.put("attempts", 0);
                        outcomes.add(pending);
                    }
                }
                outcomes.sort(Comparator.comparing(outcome -> (String) outcome.get("target")));
            }
            return outcomes;
        }
    }

    static int limit(String limit) {
        if (!present(limit)) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value < 1 || value > MAX_LIMIT) {
                throw HistoryRequestException.badRequest("limit must be between 1 and " + MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw HistoryRequestException.badRequest("limit must be a number");
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
