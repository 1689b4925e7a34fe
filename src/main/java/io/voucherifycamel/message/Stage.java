package io.voucherifycamel.message;

/** What a stage (the inbox, or a target) last did with an event, as the admin API reports it. */
public enum Stage {
    /** Chosen by the dispatch rules, not delivered yet. */
    PENDING,
    DELIVERED,
    /** Failed, and waiting in the broker for its next attempt. */
    RETRYING,
    /** Parked in the dead-letter queue. */
    DEAD
}
