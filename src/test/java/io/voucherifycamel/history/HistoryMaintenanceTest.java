package io.voucherifycamel.history;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Tables;

/**
 * What docs/operations.md says of the history's upkeep: events older than the retention (30 days) go with
 * their outcomes and younger ones stay; a replay job its instance stopped updating shows INTERRUPTED.
 */
@QuarkusTest
class HistoryMaintenanceTest {

    @Inject
    Database database;

    @Inject
    HistoryRetention retention;

    @Test
    void historyOlderThanTheRetentionIsDeletedWithItsOutcomes() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String old = event(now.minusDays(31));
        String young = event(now.minusDays(29));

        retention.purge();

        assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM event_history WHERE id = ?", old));
        assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM event_outcome WHERE history_id = ?", old));
        assertEquals(0, Tables.count(database, "SELECT COUNT(*) FROM event_dispatch WHERE history_id = ?", old));
        assertEquals(1, Tables.count(database, "SELECT COUNT(*) FROM event_history WHERE id = ?", young));
        assertEquals(1, Tables.count(database, "SELECT COUNT(*) FROM event_outcome WHERE history_id = ?", young));
    }

    @Test
    void aJobItsInstanceStoppedUpdatingIsShownInterrupted() throws Exception {
        String stopped = job(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3));
        String running = job(OffsetDateTime.now(ZoneOffset.UTC));
        Admin.admin().get("/admin/replays/" + stopped).then().statusCode(200).body("status", equalTo("INTERRUPTED"));
        Admin.admin().get("/admin/replays/" + running).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    private String event(OffsetDateTime receivedAt) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection connection = database.connection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event_history (id, event_type, received_at, body) VALUES (?, 'voucher.created', ?, ?)")) {
                insert.setString(1, id);
                insert.setObject(2, receivedAt);
                insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event_dispatch (history_id, rule, targets, dispatched_at) VALUES (?, 'other-events', 'events-queue', ?)")) {
                insert.setString(1, id);
                insert.setObject(2, receivedAt);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_outcome (history_id, stage, status, attempts,"
                    + " updated_at) VALUES (?, 'events-queue', 'DELIVERED', 1, ?)")) {
                insert.setString(1, id);
                insert.setObject(2, receivedAt);
                insert.executeUpdate();
            }
        }
        return id;
    }

    private String job(OffsetDateTime updatedAt) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO replay_job (id, requested_at, criteria, status, total, sent, updated_at) VALUES (?, ?, '{}', 'RUNNING', 10, 3, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, updatedAt);
            insert.setObject(3, updatedAt);
            insert.executeUpdate();
        }
        return id;
    }
}
