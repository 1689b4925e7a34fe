package io.voucherifycamel.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.message.Dispatch;
import io.voucherifycamel.message.DispatchRules;
import io.voucherifycamel.message.EventJournal;
import io.voucherifycamel.message.TraceContext;

/**
 * Group commit of acceptances: the events of the webhooks waiting at the same moment are accepted
 * together, with one database transaction (their receipts and event history rows,
 * {@link EventJournal#accepted}, with their dispatch when the rules were asked) and one JMS
 * transaction (a message per target the rules chose, or else an inbox message), committed in that
 * order only after the broker has them on disk. So the database and the broker's journal each sync
 * once for many requests, instead of once per request, and "answered 202" still means "in the
 * broker's journal". A batch that fails is retried one event at a time, so one event the database
 * refuses, or one the broker already holds, never fails the others.
 */
@ApplicationScoped
class AcceptanceWriter {

    private static final Logger LOG = Logger.getLogger(AcceptanceWriter.class);
    private static final int MAX_BATCH = 128;

    private final Database database;
    private final Receipts receipts;
    private final Inbox inbox;
    private final ConnectionFactory broker;
    private final TraceContext traceContext;
    private final EventJournal journal;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private Thread writer;

    AcceptanceWriter(Database database, Receipts receipts, Inbox inbox,
            @Identifier(PooledConnectionFactory.INTAKE) ConnectionFactory broker, TraceContext traceContext, EventJournal journal) {
        this.database = database;
        this.receipts = receipts;
        this.inbox = inbox;
        this.broker = broker;
        this.traceContext = traceContext;
        this.journal = journal;
    }

    /**
     * One event to accept, the trace context of its request, and the answer the request waits for:
     * true accepted, false a duplicate.
     */
    static final class Pending {
        private final WebhookEvent event;
        private final List<String> keys;
        private final DispatchRules rules;
        private final Map<String, String> traceContext;
        private final CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        private boolean asked;
        private Dispatch dispatch;

        Pending(WebhookEvent event, List<String> keys, DispatchRules rules, Map<String, String> traceContext) {
            this.event = event;
            this.keys = keys;
            this.rules = rules;
            this.traceContext = traceContext;
        }

        WebhookEvent event() {
            return event;
        }

        List<String> keys() {
            return keys;
        }

        Map<String, String> traceContext() {
            return traceContext;
        }

        CompletableFuture<Boolean> accepted() {
            return accepted;
        }

        /** The rules' choice, asked once (a batch written again event by event does not ask again); null: the inbox. */
        Dispatch dispatch() {
            if (!asked) {
                asked = true;
                try {
                    dispatch = rules == null ? null : rules.plan(event, traceContext);
                } catch (RuntimeException e) {
                    LOG.debugf("The rules could not be asked at acceptance (%s): the event goes through the inbox", e.toString());
                    dispatch = null;
                }
            }
            return dispatch;
        }
    }

    /**
     * Called on the request's thread: its trace context is taken here, since the writer thread serves many requests.
     * The {@code rules} are asked once the event is known to be new; what they choose, the event goes to, else the inbox.
     */
    CompletableFuture<Boolean> submit(WebhookEvent event, List<String> keys, DispatchRules rules) {
        Pending pending = new Pending(event, keys, rules, traceContext.current());
        waiting.add(pending);
        return pending.accepted();
    }

    @PostConstruct
    void start() {
        writer = new Thread(this::run, "voucherify-acceptance-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() {
        writer.interrupt();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.accepted().completeExceptionally(e));
                LOG.errorf(e, "Accepting %d webhooks failed", batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            writeTogether(batch);
        } catch (Exception together) {
            if (batch.size() == 1) {
                batch.get(0).accepted().completeExceptionally(together);
                return;
            }
            for (Pending pending : batch) {
                try {
                    writeTogether(List.of(pending));
                } catch (Exception alone) {
                    pending.accepted().completeExceptionally(alone);
                }
            }
        }
    }

    private void writeTogether(List<Pending> batch) throws SQLException {
        List<WebhookEvent> events = batch.stream().map(Pending::event).toList();
        List<List<String>> keys = batch.stream().map(Pending::keys).toList();
        boolean[] fresh;
        try (Connection connection = database.connection(); JMSContext context = broker.createContext(JMSContext.SESSION_TRANSACTED)) {
            connection.setAutoCommit(false);
            try {
                fresh = receipts.record(connection, events, keys);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                Inbox.Sender sender = inbox.sender(context);
                for (int i = 0; i < batch.size(); i++) {
                    if (fresh[i]) {
                        String duplicateId = keys.get(i).isEmpty() ? null : keys.get(i).get(0);
                        String historyId = historyId(duplicateId);
                        journal.accepted(connection, historyId, events.get(i), now);
                        // asked only now, for an event the receipts found new: a duplicate is not dispatched
                        Dispatch dispatch = batch.get(i).dispatch();
                        if (dispatch == null) {
                            sender.send(events.get(i), duplicateId, historyId, batch.get(i).traceContext());
                        } else {
                            journal.dispatched(connection, historyId, dispatch.rule(), dispatch.chosen(), now);
                            sender.send(events.get(i), dispatch, duplicateId, historyId, batch.get(i).traceContext());
                        }
                    }
                }
                commitToBroker(context, batch.size());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).accepted().complete(fresh[i]);
        }
    }

    /**
     * The event's history row is named after its duplicate-detection id rather than at random: when
     * an attempt stopped between the broker's commit and the database's, the broker keeps that
     * attempt's message and drops the retry's, so the row the retry writes must be the one the kept
     * message names (CrashBeforeCommitTest). The id's receipt is committed with the row and never
     * deleted, so no later event is accepted under it.
     */
    private static String historyId(String duplicateId) {
        return duplicateId == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(duplicateId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Commits the messages. Artemis refuses a whole transaction that carries an id it has seen:
     * for a single event that means the broker already holds it (an earlier attempt crashed between
     * the two commits), so its receipt is recorded and it counts as accepted.
     */
    private static void commitToBroker(JMSContext context, int events) {
        try {
            context.commit();
        } catch (JMSRuntimeException e) {
            if (events > 1 || !Inbox.isDuplicate(e)) {
                throw e;
            }
            LOG.infof("The broker already held this event (an earlier attempt stopped between broker and database)");
        }
    }
}
