package io.voucherifycamel.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.voucherifycamel.db.Database;

/** Reads rows the product wrote, through the product's own active datasource. */
public final class Tables {

    private Tables() {
    }

    public static Map<String, Object> quarantined(Database database, String id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT reason, detail, event_type, content_type, body FROM quarantined_webhook WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("reason", row.getString("reason"));
                values.put("detail", row.getString("detail"));
                values.put("event_type", row.getString("event_type"));
                values.put("content_type", row.getString("content_type"));
                values.put("body", row.getBytes("body"));
                return values;
            }
        }
    }

    public static int count(Database database, String sql, String parameter) throws SQLException {
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
