-- The latest dispatch of an event (the rule that matched, the targets it chose) in a table of its own:
-- recording it as columns of event_history rewrote the event's row, body included, at every dispatch:
-- under ThroughputBench that made the history's writer the busiest database thread (JFR) and the
-- product acknowledged 256 events/s; with this table, 331/s (README, "Benchmark: throughput").
CREATE TABLE event_dispatch (
    history_id    VARCHAR(36)              NOT NULL PRIMARY KEY,
    rule          VARCHAR(255),
    targets       VARCHAR(1000)            NOT NULL,
    dispatched_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE event_history DROP COLUMN rule;
ALTER TABLE event_history DROP COLUMN targets;
ALTER TABLE event_history DROP COLUMN dispatched_at;
