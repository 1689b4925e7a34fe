package io.voucherifycamel.headers;

import java.util.Set;

/**
 * Every name an event carries from stage to stage: JMS properties on the inbox, target and
 * dead-letter queues, which Camel maps to headers of the same name, so YAML routes read them as
 * {@code ${header.VoucherifyEventType}}. The values are on the wire, in {@code routes/} and in the
 * README: never change one.
 */
public final class VoucherifyHeaders {

    // set at acceptance, on the inbox message (EventMessage#describing); a replay sets them again

    public static final String EVENT_ID = "VoucherifyEventId";
    public static final String EVENT_TYPE = "VoucherifyEventType";
    public static final String SOURCE_ID = "VoucherifySourceId";
    public static final String DELIVERY_ID = "VoucherifyDeliveryId";
    /** When the event was acknowledged (epoch milliseconds); it travels on to every target's message. */
    public static final String ACCEPTED_AT = "VoucherifyAcceptedAt";
    /** The event's row in {@code event_history}: its outcomes are recorded under it, a replay carries it again. */
    public static final String HISTORY_ID = "VoucherifyHistoryId";
    public static final String TRANSACTION_ID = "VoucherifyTransactionId";

    // set from the parsed model (the component's EventHeaders: by the voucherify:webhook endpoint, the voucherify data format and
    // the product before direct:dispatch), so that YAML rules compare fields, never raw text

    /** {@code gift}, {@code loyalty} or {@code other}. */
    public static final String FAMILY = "VoucherifyFamily";
    /** {@code MANUAL}, {@code AUTOMATIC} … or {@code absent} (docs/PROTOCOL.md §4). */
    public static final String OPERATION_TYPE = "VoucherifyOperationType";
    /** The free-text {@code transaction.reason}, or empty. */
    public static final String REASON = "VoucherifyReason";
    public static final String TRANSACTION_TYPE = "VoucherifyTransactionType";
    public static final String VOUCHER_ID = "VoucherifyVoucherId";
    public static final String VOUCHER_CODE = "VoucherifyVoucherCode";
    /** Signed change in cents (gift) or points (loyalty). */
    public static final String AMOUNT = "VoucherifyAmount";
    /** The card's balance after the change ({@code data.balance.balance}), in cents or points, when the event carries it. */
    public static final String BALANCE = "VoucherifyBalance";

    // set by the voucherify:webhook endpoint on an authentic body that cannot be read into the model (it still reaches the route)

    /** Why the body cannot be processed: the name of an {@code UnprocessableReason}, e.g. {@code LEGACY_ENVELOPE}. */
    public static final String UNPROCESSABLE = "VoucherifyUnprocessable";
    /** The reader's detail for it, in words safe to log: positions and field names, never the body's content. */
    public static final String UNPROCESSABLE_DETAIL = "VoucherifyUnprocessableDetail";

    // set by the dispatch rules in routes/

    /** The name of the dispatch rule that matched, set by the rule itself (recorded in the event history). */
    public static final String RULE = "VoucherifyRule";
    /** Comma-separated target names chosen by the dispatch rules, e.g. {@code finance-email,ledger}. */
    public static final String TARGETS = "VoucherifyTargets";

    // on a replayed event

    /** The replay it belongs to. */
    public static final String REPLAY_ID = "VoucherifyReplayId";
    /** The one target it goes to, if the replay named one (among those the rules choose). */
    public static final String REPLAY_TARGET = "VoucherifyReplayTarget";
    /** True to deliver again to targets that already have it (a new delivery key). */
    public static final String REDELIVER = "VoucherifyRedeliver";

    // on a target's queue

    /** The one target a message on a target queue is for. */
    public static final String TARGET = "VoucherifyTarget";
    /** Identifies one delivery (target + transaction or event); the broker drops a second copy. */
    public static final String DELIVERY_KEY = "VoucherifyDeliveryKey";

    // after a failure

    /** Failed attempts so far, carried on the message itself so that the count survives restarts. */
    public static final String FAILED_ATTEMPTS = "VoucherifyFailedAttempts";
    /** Why the last attempt failed, on a message waiting for its next attempt. */
    public static final String LAST_FAILURE = "VoucherifyLastFailure";
    /** Why a dead letter was parked: the failure, as {@code Class: message}. */
    public static final String FAILURE_REASON = "VoucherifyFailureReason";
    /** {@code permanent} (parked at the first failure) or {@code exhausted} (every retry failed). */
    public static final String FAILURE_KIND = "VoucherifyFailureKind";
    public static final String FAILED_AT = "VoucherifyFailedAt";

    // the broker's own

    /** Artemis' duplicate-detection property: a re-send after a crash between broker and database is dropped by the broker. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** JMS message group: one card's events are processed in order even with several consumers. */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis' scheduled delivery time (epoch milliseconds): the broker holds the message until then. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    /** The prefix of the product's own names: a copy of a message keeps those (EventMessage#copyOf). */
    public static final String PREFIX = "Voucherify";

    /** The headers that describe a failure; a replay or a new delivery starts without them. */
    public static final Set<String> FAILURE_HEADERS = Set.of(FAILED_ATTEMPTS, LAST_FAILURE, FAILURE_REASON, FAILURE_KIND, FAILED_AT,
            SCHEDULED_DELIVERY);

    private VoucherifyHeaders() {
    }
}
