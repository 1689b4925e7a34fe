-- The deliveries done by sink-target targets (routing/TargetTemplates), one row per delivery key:
-- camel-sql's JdbcMessageIdRepository (an idempotent consumer) reads and writes it under its own
-- table name, so a delivery already made (a redelivered or replayed message, a webhook sent twice)
-- is not made again. Its default DDL limits messageId to 100 characters; a delivery key is the
-- target's name and the transaction id, so 1000 as in delivery_log. Created here rather than by the
-- repository at start-up, so that the application needs no DDL rights.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
