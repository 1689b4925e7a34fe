package io.voucherifycamel.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.BrokerConfig;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.message.EventMessage;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.routing.Targets;

/**
 * Replays accepted events through the current routes: each goes back on the inbox queue as it
 * arrived, marked with a replay id, and the dispatch rules choose its targets again. One event at
 * once, or a filtered set as a background job whose progress is kept in {@code replay_job}.
 * <p>
 * De-duplication still applies per target unless the replay asks to {@code redeliver}: then the
 * delivery key carries the replay id, so the mail target mails again and JMS targets forward again;
 * the ledger keeps one row per transaction whatever is replayed. The inbox's own duplicate check is
 * not involved: a replay is not a new webhook.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);
    private static final String SELECT = "SELECT id, event_id, event_type, source_id, transaction_id, voucher_id, received_at, body"
            + " FROM event_history";
    private static final int PAGE = 200;
    /** A job whose instance stopped updating it for this long is reported as interrupted. */
    private static final Duration STALE = Duration.ofMinutes(2);

    private final Database database;
    private final ConnectionFactory broker;
    private final String inbox;
    private final ObjectMapper json;
    private final Targets targets;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "voucherify-replay");
        thread.setDaemon(true);
        return thread;
    });

    Replays(Database database, @Identifier(PooledConnectionFactory.NAME) ConnectionFactory broker, BrokerConfig config,
            ObjectMapper json, Targets targets) {
        this.database = database;
        this.targets = targets;
        this.broker = broker;
        this.inbox = config.inboxQueue();
        this.json = json;
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    /** Replays one accepted event by its history id, now. */
    public Map<String, Object> replayOne(String id, String target, String redeliver) throws SQLException, JMSException {
        String replayId = UUID.randomUUID().toString();
        boolean again = flag(redeliver);
        String only = blankToNull(target);
        checkServed(only);
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery(); JMSContext context = broker.createContext(JMSContext.SESSION_TRANSACTED)) {
                if (!row.next()) {
                    throw HistoryRequestException.notFound("event " + id);
                }
                Sender sender = new Sender(context, replayId, only, again);
                sender.send(row);
                context.commit();
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("replay_id", replayId);
        result.put("id", id);
        result.put("target", only);
        result.put("redeliver", again);
        return result;
    }

    /** Starts a replay job for the events the criteria select; answers at once with its id. */
    public Map<String, Object> start(Map<String, Object> request) throws SQLException, JsonProcessingException {
        ReplayCriteria criteria = ReplayCriteria.of(request);
        checkServed(criteria.target());
        String id = UUID.randomUUID().toString();
        long total;
        try (Connection connection = database.connection()) {
            total = count(connection, criteria);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO replay_job (id, requested_at, criteria, status,"
                    + " total, sent, updated_at) VALUES (?, ?, ?, 'RUNNING', ?, 0, ?)")) {
                OffsetDateTime now = now();
                insert.setString(1, id);
                insert.setObject(2, now);
                insert.setString(3, json.writeValueAsString(criteria.describe()));
                insert.setLong(4, total);
                insert.setObject(5, now);
                insert.executeUpdate();
            }
        }
        jobs.submit(() -> run(id, criteria));
        return job(id);
    }

    /** A job's progress: status RUNNING, DONE, FAILED or INTERRUPTED, with total and sent. */
    public Map<String, Object> job(String id) throws SQLException {
        List<Map<String, Object>> found = jobs("WHERE id = ?", id);
        if (found.isEmpty()) {
            throw HistoryRequestException.notFound("replay " + id);
        }
        return found.get(0);
    }

    /** The last 50 jobs, newest first. */
    public List<Map<String, Object>> jobs() throws SQLException {
        return jobs("ORDER BY requested_at DESC LIMIT 50", null);
    }

    private void run(String id, ReplayCriteria criteria) {
        long sent = 0;
        try (Connection connection = database.connection(); JMSContext context = broker.createContext(JMSContext.SESSION_TRANSACTED)) {
            Sender sender = new Sender(context, id, criteria.target(), criteria.redeliver());
            Instant after = criteria.from().minusNanos(1);
            String afterId = "";
            boolean more = true;
            while (more && !Thread.currentThread().isInterrupted()) {
                // keyset pages in (received_at, id) order: stable while new events keep arriving
                try (PreparedStatement select = page(connection, criteria, after, afterId); ResultSet rows = select.executeQuery()) {
                    int inPage = 0;
                    while (rows.next()) {
                        sender.send(rows);
                        after = rows.getObject("received_at", OffsetDateTime.class).toInstant();
                        afterId = rows.getString("id");
                        inPage++;
                    }
                    context.commit(); // one broker transaction per page
                    sent += inPage;
                    more = inPage == PAGE;
                }
                progress(connection, id, more ? "RUNNING" : "DONE", sent, null);
            }
            LOG.infof("Replay %s: %d event(s) sent to %s", id, sent, inbox);
        } catch (Exception e) {
            LOG.errorf("Replay %s failed after %d event(s): %s", id, sent, e.toString());
            try (Connection connection = database.connection()) {
                progress(connection, id, "FAILED", sent, e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (SQLException again) {
                LOG.errorf("Replay %s: its failure could not be recorded: %s", id, again.toString());
            }
        }
    }

    private static PreparedStatement page(Connection connection, ReplayCriteria criteria, Instant after, String afterId)
            throws SQLException {
        String sql = SELECT + " WHERE received_at < ? AND (received_at > ? OR (received_at = ? AND id > ?))"
                + (criteria.eventType() != null ? " AND event_type = ?" : "") + " ORDER BY received_at, id LIMIT " + PAGE;
        PreparedStatement select = connection.prepareStatement(sql);
        select.setObject(1, utc(criteria.to()));
        select.setObject(2, utc(after));
        select.setObject(3, utc(after));
        select.setString(4, afterId);
        if (criteria.eventType() != null) {
            select.setString(5, criteria.eventType());
        }
        return select;
    }

    private static long count(Connection connection, ReplayCriteria criteria) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM event_history WHERE received_at >= ?"
                + " AND received_at < ?" + (criteria.eventType() != null ? " AND event_type = ?" : ""))) {
            select.setObject(1, utc(criteria.from()));
            select.setObject(2, utc(criteria.to()));
            if (criteria.eventType() != null) {
                select.setString(3, criteria.eventType());
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void progress(Connection connection, String id, String status, long sent, String detail) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE replay_job SET status = ?, sent = ?, detail = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setLong(2, sent);
            update.setString(3, Sql.storable(detail, 1000));
            update.setObject(4, now());
            update.setString(5, id);
            update.executeUpdate();
        }
    }

    private List<Map<String, Object>> jobs(String clause, String id) throws SQLException {
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id, requested_at, criteria, status, total, sent, detail, updated_at FROM replay_job " + clause)) {
            if (id != null) {
                select.setString(1, id);
            }
            List<Map<String, Object>> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant updated = rows.getObject("updated_at", OffsetDateTime.class).toInstant();
                    String status = rows.getString("status");
                    if (status.equals("RUNNING") && updated.isBefore(Instant.now().minus(STALE))) {
                        status = "INTERRUPTED"; // its instance stopped; start it again (de-duplication makes that safe)
                    }
                    Map<String, Object> job = new LinkedHashMap<>();
                    job.put("id", rows.getString("id"));
                    job.put("requested_at", rows.getObject("requested_at", OffsetDateTime.class).toInstant().toString());
                    job.put("criteria", json.readTree(rows.getString("criteria")));
                    job.put("status", status);
                    job.put("total", rows.getLong("total"));
                    job.put("sent", rows.getLong("sent"));
                    job.put("detail", rows.getString("detail"));
                    job.put("updated_at", updated.toString());
                    found.add(job);
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable replay criteria", e);
            }
            return found;
        }
    }

    /** Puts events back on the inbox, as the acceptance did, marked as one replay. */
    private final class Sender {

        private final JMSContext context;
        private final JMSProducer producer;
        private final Queue queue;
        private final String replayId;
        private final String target;
        private final boolean redeliver;

        Sender(JMSContext context, String replayId, String target, boolean redeliver) {
            this.context = context;
            this.producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            this.queue = context.createQueue(inbox);
            this.replayId = replayId;
            this.target = target;
            this.redeliver = redeliver;
        }

        void send(ResultSet row) throws SQLException, JMSException {
            TextMessage message = EventMessage.of(new String(row.getBytes("body"), StandardCharsets.UTF_8))
                    .with(VoucherifyHeaders.HISTORY_ID, row.getString("id"))
                    .with(VoucherifyHeaders.EVENT_ID, row.getString("event_id"))
                    .with(VoucherifyHeaders.EVENT_TYPE, row.getString("event_type"))
                    .with(VoucherifyHeaders.SOURCE_ID, row.getString("source_id"))
                    .with(VoucherifyHeaders.TRANSACTION_ID, row.getString("transaction_id"))
                    .with(VoucherifyHeaders.GROUP_ID, row.getString("voucher_id"))
                    .replay(replayId, target, redeliver)
                    // the delivery latency of a replay counts from the replay, not from the first acknowledgement
                    .acceptedNow()
                    .create(context);
            producer.send(queue, message);
        }
    }

    /** A replay to a target no route serves would park every event it sends: refused up front. */
    private void checkServed(String target) {
        if (target != null && !targets.isServed(target)) {
            throw HistoryRequestException.badRequest("no route serves target '" + target + "'");
        }
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw HistoryRequestException.badRequest("redeliver must be true or false");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
