package io.voucherifycamel.intake;

/**
 * Properties of every message on the inbox queue; Camel maps them to headers of the same name, so
 * YAML routes can use {@code ${header.VoucherifyEventType}}.
 */
public final class InboxHeaders {

    public static final String EVENT_ID = "VoucherifyEventId";
    public static final String EVENT_TYPE = "VoucherifyEventType";
    public static final String SOURCE_ID = "VoucherifySourceId";
    public static final String DELIVERY_ID = "VoucherifyDeliveryId";
    /** When the event was acknowledged (epoch milliseconds); it travels on to every target's message. */
    public static final String ACCEPTED_AT = "VoucherifyAcceptedAt";
    /** The event's row in {@code event_history}: its outcomes are recorded under it, a replay carries it again. */
    public static final String HISTORY_ID = "VoucherifyHistoryId";
    /** Artemis' duplicate-detection property: a re-send after a crash between broker and database is dropped by the broker. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** JMS message group: one card's events are processed in order even with several consumers. */
    public static final String GROUP_ID = "JMSXGroupID";

    private InboxHeaders() {
    }
}
