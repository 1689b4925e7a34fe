-- Every accepted event, written in the transaction of its receipt, so the admin API can say what
-- arrived and replay it through the current routes. Kept for voucherify.history.retention.
CREATE TABLE event_history (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    event_id       VARCHAR(255),
    event_type     VARCHAR(255)             NOT NULL,
    source_id      VARCHAR(255),
    transaction_id VARCHAR(255),
    voucher_id     VARCHAR(255),
    voucher_code   VARCHAR(255),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the latest dispatch: the rule that matched (VoucherifyRule) and the targets it chose
    rule           VARCHAR(255),
    targets        VARCHAR(1000),
    dispatched_at  TIMESTAMP WITH TIME ZONE,
    body           BYTEA                    NOT NULL
);

CREATE INDEX event_history_received_at ON event_history (received_at);
CREATE INDEX event_history_event_id ON event_history (event_id);
CREATE INDEX event_history_transaction_id ON event_history (transaction_id);
CREATE INDEX event_history_voucher_id ON event_history (voucher_id);
CREATE INDEX event_history_voucher_code ON event_history (voucher_code);

-- The latest state of each stage (the inbox, every target) for an event: PENDING, DELIVERED,
-- RETRYING or DEAD, with its attempts and the last failure. No foreign key: these rows are written
-- after the fact, in the background, and must never hold a delivery up.
CREATE TABLE event_outcome (
    history_id VARCHAR(36)              NOT NULL,
    stage      VARCHAR(255)             NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    attempts   INTEGER                  NOT NULL,
    detail     VARCHAR(1000),
    replay_id  VARCHAR(36),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (history_id, stage)
);

-- Replays of a filtered set of accepted events, run in the background by one instance.
CREATE TABLE replay_job (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    criteria     VARCHAR(2000)            NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    total        BIGINT                   NOT NULL,
    sent         BIGINT                   NOT NULL,
    detail       VARCHAR(1000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
