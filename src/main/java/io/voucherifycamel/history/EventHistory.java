package io.voucherifycamel.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.voucherifycamel.db.GroupCommit;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.failure.FailureKind;
import io.voucherifycamel.message.EventJournal;
import io.voucherifycamel.message.Stage;

/**
 * The event history: every accepted event ({@code event_history}, written with its receipt, so it
 * holds exactly the events answered 202) and what each stage did with it ({@code event_outcome}).
 * <p>
 * Outcomes are recorded after the fact: handed to a background writer that commits those of many
 * messages together, never waited for. So the history costs a delivery neither time nor
 * availability: with the database down, JMS targets go on delivering, and their outcomes are
 * written when it is back (each record tried again for up to an hour) — or, beyond
 * {@link HistoryConfig#maxPendingWrites()}, dropped and counted ({@code voucherify_history_dropped_total}).
 * A record older than the row it would replace is ignored, so a late write never turns DELIVERED
 * back into PENDING.
 */
@ApplicationScoped
@Startup // its counters are scraped as 0 from the start, not only after the first event
public class EventHistory implements EventJournal {

    private static final Logger LOG = Logger.getLogger(EventHistory.class);
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX_PAUSE = Duration.ofSeconds(30);
    private static final Duration RETRY_FOR = Duration.ofHours(1);
    private static final String INSERT_EVENT = "INSERT INTO event_history (id, event_id, event_type, source_id, transaction_id,"
            + " voucher_id, voucher_code, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DISPATCH = "INSERT INTO event_dispatch (history_id, rule, targets, dispatched_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String UPDATE_DISPATCH = "UPDATE event_dispatch SET rule = ?, targets = ?, dispatched_at = ?"
            + " WHERE history_id = ? AND dispatched_at <= ?";
    private static final String UPDATE_OUTCOME = "UPDATE event_outcome SET status = ?, attempts = ?, detail = ?, replay_id = ?,"
            + " updated_at = ? WHERE history_id = ? AND stage = ? AND updated_at <= ?";
    private static final String INSERT_OUTCOME = "INSERT INTO event_outcome (history_id, stage, status, attempts, detail, replay_id,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final GroupCommit writer;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter dropped;
    private final Counter failed;

    EventHistory(GroupCommit writer, HistoryConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.maxPending = config.maxPendingWrites();
        this.dropped = Counter.builder("voucherify.history.dropped")
                .description("Outcome records not written to the event history: too many waiting (database unreachable)")
                .register(registry);
        this.failed = Counter.builder("voucherify.history.failed")
                .description("Outcome records the database refused, or that found it unreachable for an hour").register(registry);
    }

    @Override
    public void accepted(Connection connection, String historyId, WebhookEvent event, OffsetDateTime receivedAt)
            throws SQLException {
        BalanceEventData balance = event.getData() instanceof BalanceEventData data ? data : null;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            insert.setString(1, historyId);
            insert.setString(2, Sql.fit(event.getEvent() == null ? null : event.getEvent().getId(), 255));
            insert.setString(3, Sql.fit(event.getEventType(), 255));
            insert.setString(4, Sql.fit(event.getSource() == null ? null : event.getSource().getId(), 255));
            insert.setString(5, Sql.fit(balance == null ? null : balance.transactionId().orElse(null), 255));
            // the card is no de-duplication key: an odd value in it must not refuse the event, so it is made storable
            insert.setString(6, Sql.storable(balance == null ? null : balance.voucherId(), 255));
            insert.setString(7, Sql.storable(balance == null || balance.getVoucher() == null ? null : balance.getVoucher().getCode(), 255));
            insert.setObject(8, receivedAt);
            insert.setBytes(9, event.getJson().getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    @Override
    public void dispatched(String historyId, String rule, List<String> chosen, List<String> delivered, String replayId) {
        if (historyId == null) {
            return; // accepted before the history existed
        }
        OffsetDateTime now = now();
        submit(connection -> {
            dispatched(connection, historyId, rule, chosen, now);
            // a first dispatch writes no outcome rows: a chosen target without one is PENDING (EventLookup);
            // a replay resets the targets it goes to, so that their old outcome does not pass for the new one
            if (replayId != null) {
                for (String target : delivered) {
                    outcome(connection, historyId, target, Stage.PENDING, 0, null, replayId, now);
                }
            }
        });
    }

    @Override
    public void dispatched(Connection connection, String historyId, String rule, List<String> chosen, OffsetDateTime at)
            throws SQLException {
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DISPATCH)) {
            insert.setString(1, historyId);
            insert.setString(2, Sql.storable(rule, 255));
            insert.setString(3, Sql.fit(String.join(",", chosen), 1000));
            insert.setObject(4, at);
            inserted = insert.executeUpdate();
        }
        if (inserted == 0) { // dispatched before (a replay, a retried dispatch): the newer one wins
            try (PreparedStatement update = connection.prepareStatement(UPDATE_DISPATCH)) {
                update.setString(1, Sql.storable(rule, 255));
                update.setString(2, Sql.fit(String.join(",", chosen), 1000));
                update.setObject(3, at);
                update.setString(4, historyId);
                update.setObject(5, at);
                update.executeUpdate();
            }
        }
    }

    @Override
    public void delivered(String historyId, String target, int attempts, String replayId) {
        record(historyId, target, Stage.DELIVERED, attempts, null, replayId);
    }

    @Override
    public void record(String historyId, String stage, Stage status, int attempts, String detail, String replayId) {
        if (historyId == null || stage == null) {
            return;
        }
        OffsetDateTime now = now();
        submit(connection -> outcome(connection, historyId, stage, status, attempts, detail, replayId, now));
    }

    private static void outcome(Connection connection, String historyId, String stage, Stage status, int attempts, String detail,
            String replayId, OffsetDateTime at) throws SQLException {
        // most outcomes are a stage's first (one delivery, no retry): one insert; a later one updates
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTCOME)) {
            insert.setString(1, historyId);
            insert.setString(2, Sql.fit(stage, 255));
            insert.setString(3, status.name());
            insert.setInt(4, attempts);
            insert.setString(5, Sql.storable(detail, 1000));
            insert.setString(6, replayId);
            insert.setObject(7, at);
            if (insert.executeUpdate() > 0) {
                return;
            }
        }
        // a row exists: replaced unless it is newer than this record (a late write never goes back in time)
        try (PreparedStatement update = connection.prepareStatement(UPDATE_OUTCOME)) {
            update.setString(1, status.name());
            update.setInt(2, attempts);
            update.setString(3, Sql.storable(detail, 1000));
            update.setString(4, replayId);
            update.setObject(5, at);
            update.setString(6, historyId);
            update.setString(7, Sql.fit(stage, 255));
            update.setObject(8, at);
            update.executeUpdate();
        }
    }

    private void submit(GroupCommit.Write record) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            dropped.increment();
            return;
        }
        write(record, System.nanoTime(), RETRY_FIRST);
    }

    /**
     * A record that failed because the database is unreachable (a transient failure) stays pending
     * and is tried again, with a growing pause, for up to {@link #RETRY_FOR}: so the outcomes of what
     * was delivered during an outage appear once it is back. One the database refuses is counted.
     */
    private void write(GroupCommit.Write record, long firstTry, Duration pause) {
        writer.submit(record).whenComplete((done, failure) -> {
            if (failure != null && FailureKind.of(failure) == FailureKind.TRANSIENT
                    && System.nanoTime() - firstTry < RETRY_FOR.toNanos()) {
                Duration next = pause.multipliedBy(2);
                Duration capped = next.compareTo(RETRY_MAX_PAUSE) > 0 ? RETRY_MAX_PAUSE : next;
                CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS).execute(() -> write(record, firstTry, capped));
                return;
            }
            pending.decrementAndGet();
            if (failure != null) {
                failed.increment();
                LOG.debugf("An event history record was not written: %s", failure.toString());
            }
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
