package io.voucherifycamel.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The product's one database writer after the acknowledgement: ledger rows, delivery records and the
 * event history's outcomes. Callers hand their write over (and wait for it, or not); one thread runs
 * every write waiting at that moment in one transaction, with one commit, so the database syncs once
 * for many. A batch that fails is run again one write per transaction, so a write the database
 * refuses (a value it cannot store) fails alone, and the others succeed; when no connection can be
 * had at all, the whole batch fails at once.
 * <p>
 * One writer for all of them rather than one each: with H2 every commit serialises the changed pages
 * and the store's layout, a quarter of the product's CPU under load, so fewer commits are worth
 * having; measured, the gain of sharing was within run-to-run noise (docs/benchmarks.md), and one
 * thread is simpler than three.
 * <p>
 * After the first write of a batch the writer waits up to {@link DatabaseConfig#commitWindow()} for
 * more. Without the window the writer committed as soon as anything waited, about 3.5 writes per
 * commit under ThroughputBench (counted), and H2's commit was two thirds of the writer's CPU; the
 * writes come from consumers after the acknowledgement, so a few milliseconds more per delivery
 * cost no webhook anything.
 */
@ApplicationScoped
public class GroupCommit {

    /** One write, in the batch's transaction. */
    @FunctionalInterface
    public interface Write {
        void run(Connection connection) throws SQLException;
    }

    private record Pending(Write write, CompletableFuture<Void> done) {
    }

    private static final int MAX_BATCH = 512;

    private final Database database;
    private final long windowNanos;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;

    GroupCommit(Database database, DatabaseConfig config) {
        this.database = database;
        this.windowNanos = config.commitWindow().toNanos();
        this.writer = new Thread(this::run, "voucherify-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Runs the write with others and returns once it is committed; throws what the database threw for it. */
    public void write(Write write) throws SQLException {
        try {
            submit(write).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the commit", "57014", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Hands the write over without waiting: the future completes when it is committed, or with its failure. */
    public CompletableFuture<Void> submit(Write write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        waiting.add(pending);
        return pending.done();
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
                gather(batch, System.nanoTime() + windowNanos);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what waits now, and what arrives until the deadline, up to a full batch. */
    private void gather(List<Pending> batch, long deadline) throws InterruptedException {
        waiting.drainTo(batch, MAX_BATCH - batch.size());
        long left;
        while (batch.size() < MAX_BATCH && (left = deadline - System.nanoTime()) > 0) {
            Pending next = waiting.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        try {
            commit(batch);
            batch.forEach(pending -> pending.done().complete(null));
            return;
        } catch (NoConnection unreachable) {
            fail(batch, unreachable.getCause());
            return;
        } catch (SQLException | RuntimeException together) {
            // one write refused, or the connection broke: each alone, on a connection of its own
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            try {
                commit(List.of(pending));
                pending.done().complete(null);
            } catch (NoConnection unreachable) {
                // the database is gone: the rest fail at once, not after one connection attempt each
                // (against a database that hangs, each would wait for its time-out, the ledger behind them)
                fail(batch.subList(i, batch.size()), unreachable.getCause());
                return;
            } catch (SQLException | RuntimeException alone) {
                pending.done().completeExceptionally(alone);
            }
        }
    }

    private void commit(List<Pending> batch) throws SQLException, NoConnection {
        Connection connection;
        try {
            connection = database.connection();
        } catch (SQLException | RuntimeException e) {
            throw new NoConnection(e);
        }
        try (connection) {
            connection.setAutoCommit(false);
            try {
                for (Pending pending : batch) {
                    pending.write().run(connection);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void fail(List<Pending> batch, Throwable failure) {
        batch.forEach(pending -> pending.done().completeExceptionally(failure));
    }

    /** The database gave no connection: no write can succeed now. */
    private static final class NoConnection extends Exception {
        NoConnection(Throwable cause) {
            super(cause);
        }
    }
}
