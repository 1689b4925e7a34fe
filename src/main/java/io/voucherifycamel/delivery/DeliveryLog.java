package io.voucherifycamel.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.GroupCommit;

/** The {@code delivery_log} table: which deliveries without a natural unique key (mails) were done. */
@ApplicationScoped
class DeliveryLog {

    private final Database database;
    /** Records of the mail target's concurrent consumers are committed together, with the other writes. */
    private final GroupCommit commits;

    DeliveryLog(Database database, GroupCommit commits) {
        this.database = database;
        this.commits = commits;
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
        commits.write(connection -> insert(connection, deliveryKey));
    }

    private static void insert(Connection connection, String deliveryKey) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO delivery_log (delivery_key, delivered_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, deliveryKey);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
