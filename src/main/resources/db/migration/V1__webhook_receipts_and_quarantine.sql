-- Keys of every accepted webhook: an insert that collides means "seen before" (de-duplication).
-- Shared by all instances that use this database, so it holds across a cluster and restarts.
CREATE TABLE webhook_receipt (
    dedup_key   VARCHAR(1000)            NOT NULL PRIMARY KEY,
    event_id    VARCHAR(255),
    event_type  VARCHAR(255)             NOT NULL,
    source_id   VARCHAR(255),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Authentic bodies that could not be processed, kept byte for byte with the reason, for a later replay.
CREATE TABLE quarantined_webhook (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(40)              NOT NULL,
    detail       VARCHAR(1000)            NOT NULL,
    event_type   VARCHAR(255),
    content_type VARCHAR(255),
    body         BYTEA                    NOT NULL
);

CREATE INDEX quarantined_webhook_received_at ON quarantined_webhook (received_at);
