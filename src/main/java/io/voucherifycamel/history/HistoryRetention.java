package io.voucherifycamel.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.voucherifycamel.db.Database;

/**
 * Deletes history older than {@link HistoryConfig#retention()} once an hour. The receipts that
 * de-duplicate webhooks are not touched: they are another table, kept as before.
 */
@ApplicationScoped
class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final Database database;
    private final HistoryConfig config;
    private ScheduledExecutorService schedule;

    HistoryRetention(Database database, HistoryConfig config) {
        this.database = database;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "voucherify-history-retention");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** Deletes what is older than the retention; answers how many events went. */
    int purge() throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        try (Connection connection = database.connection()) {
            delete(connection, "DELETE FROM event_outcome WHERE history_id IN (SELECT id FROM event_history WHERE received_at < ?)", cutoff);
            delete(connection, "DELETE FROM event_dispatch WHERE history_id IN (SELECT id FROM event_history WHERE received_at < ?)", cutoff);
            delete(connection, "DELETE FROM replay_job WHERE requested_at < ?", cutoff);
            return delete(connection, "DELETE FROM event_history WHERE received_at < ?", cutoff);
        }
    }

    private void purgeQuietly() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                LOG.infof("Event history: %d event(s) older than %s deleted", deleted, config.retention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Event history retention failed, tried again in an hour: %s", e.toString());
        }
    }

    private static int delete(Connection connection, String sql, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, cutoff);
            return delete.executeUpdate();
        }
    }
}
