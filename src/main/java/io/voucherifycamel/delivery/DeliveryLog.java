package io.voucherifycamel.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;

/** The {@code delivery_log} table: which deliveries without a natural unique key (mails) were done. */
@ApplicationScoped
class DeliveryLog {

    private final Database database;

    DeliveryLog(Database database) {
        this.database = database;
    }

    boolean contains(String deliveryKey) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM delivery_log WHERE delivery_key = ?")) {
            select.setString(1, deliveryKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    void record(String deliveryKey) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO delivery_log (delivery_key, delivered_at) VALUES (?, ?)")) {
            insert.setString(1, deliveryKey);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
