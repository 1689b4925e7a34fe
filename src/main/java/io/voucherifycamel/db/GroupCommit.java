package io.voucherifycamel.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes of concurrent callers done together: each caller hands its write over and waits; one
 * writer thread runs every write waiting at that moment in one transaction, with one commit, so
 * the database syncs once for many. A batch that fails is run again one write per transaction, so
 * a write the database refuses (a value it cannot store) fails alone, and the others succeed.
 *
 * @param <T> what one write needs
 */
public final class GroupCommit<T> {

    /** One write, in the batch's transaction. */
    @FunctionalInterface
    public interface Write<T> {
        void run(Connection connection, T item) throws SQLException;
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    private final Database database;
    private final Write<T> write;
    private final int maxBatch;
    private final BlockingQueue<Pending<T>> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;

    public GroupCommit(String name, Database database, int maxBatch, Write<T> write) {
        this.database = database;
        this.write = write;
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::run, "voucherify-group-commit-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Runs the write with others and returns once it is committed; throws what the database threw for it. */
    public void write(T item) throws SQLException {
        try {
            submit(item).get();
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
    public CompletableFuture<Void> submit(T item) {
        Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
        waiting.add(pending);
        return pending.done();
    }

    public void stop() {
        writer.interrupt();
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, maxBatch - 1);
                try {
                    commit(batch);
                    batch.forEach(pending -> pending.done().complete(null));
                } catch (SQLException | RuntimeException together) {
                    for (Pending<T> pending : batch) {
                        try {
                            commit(List.of(pending));
                            pending.done().complete(null);
                        } catch (SQLException | RuntimeException alone) {
                            pending.done().completeExceptionally(alone);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<T>> batch) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending<T> pending : batch) {
                    write.run(connection, pending.item());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            }
        }
    }
}
