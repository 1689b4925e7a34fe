-- One row per Voucherify transaction (gift credits, loyalty points), written by the "ledger" target.
-- The primary key on transaction_id makes the target idempotent: a redelivery, a restart or the same
-- transaction under a new event id never adds a second row. Amounts are signed cents (gift) or points.
CREATE TABLE balance_ledger (
    transaction_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    event_id         VARCHAR(255),
    event_type       VARCHAR(255)             NOT NULL,
    voucher_id       VARCHAR(255),
    voucher_code     VARCHAR(255),
    customer_id      VARCHAR(255),
    transaction_type VARCHAR(64),
    amount           BIGINT,
    balance          BIGINT,
    reason           VARCHAR(1000),
    source           VARCHAR(255),
    operation_type   VARCHAR(32),
    created_at       TIMESTAMP WITH TIME ZONE,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    payload          TEXT                     NOT NULL
);

CREATE INDEX balance_ledger_voucher ON balance_ledger (voucher_id, created_at);

-- Deliveries done by targets that have no natural unique key of their own (email): one row each.
CREATE TABLE delivery_log (
    delivery_key VARCHAR(1000)            NOT NULL PRIMARY KEY,
    delivered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
