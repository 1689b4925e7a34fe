package io.voucherifycamel.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import io.voucherifycamel.event.WebhookEvent;

/**
 * What the stages report about an event, as they go: its acceptance, its dispatch, and each target's
 * outcome. Intake and routing call it; the event history above them implements it
 * ({@code history/EventHistory}), so that neither depends on the history. Every method but
 * {@link #accepted} returns at once: the record is written later, and a stage never waits for it.
 */
public interface EventJournal {

    /** An accepted event, recorded in the caller's transaction: the one that records its receipt. */
    void accepted(Connection connection, String historyId, WebhookEvent event, OffsetDateTime receivedAt) throws SQLException;

    /**
     * The dispatch rules chose {@code chosen} (all of them) and the event goes to {@code delivered};
     * {@code replayId} is null unless the event is replayed.
     */
    void dispatched(String historyId, String rule, List<String> chosen, List<String> delivered, String replayId);

    /** The dispatch rules chose {@code chosen} when the event was accepted, recorded in the caller's transaction (the acceptance's). */
    void dispatched(Connection connection, String historyId, String rule, List<String> chosen, OffsetDateTime at) throws SQLException;

    /** A target delivered the event, at its {@code attempts}-th attempt. */
    void delivered(String historyId, String target, int attempts, String replayId);

    /** A stage's outcome: {@link Stage#RETRYING} or {@link Stage#DEAD}, after {@code attempts} attempts. */
    void record(String historyId, String stage, Stage status, int attempts, String detail, String replayId);
}
