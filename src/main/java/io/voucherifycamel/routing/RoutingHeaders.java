package io.voucherifycamel.routing;

/**
 * Headers that describe an accepted event, set from the parsed model before {@code direct:dispatch},
 * so YAML rules compare fields, never raw text. They travel as JMS properties on every JMS target.
 */
public final class RoutingHeaders {

    /** {@code gift}, {@code loyalty} or {@code other}. */
    public static final String FAMILY = "VoucherifyFamily";
    /** {@code MANUAL}, {@code AUTOMATIC} … or {@code absent} (docs/PROTOCOL.md §4). */
    public static final String OPERATION_TYPE = "VoucherifyOperationType";
    /** The free-text {@code transaction.reason}, or empty. */
    public static final String REASON = "VoucherifyReason";
    public static final String TRANSACTION_ID = "VoucherifyTransactionId";
    public static final String TRANSACTION_TYPE = "VoucherifyTransactionType";
    public static final String VOUCHER_ID = "VoucherifyVoucherId";
    public static final String VOUCHER_CODE = "VoucherifyVoucherCode";
    /** Signed change in cents (gift) or points (loyalty). */
    public static final String AMOUNT = "VoucherifyAmount";
    /** The name of the dispatch rule that matched, set by the rule itself (recorded in the event history). */
    public static final String RULE = "VoucherifyRule";
    /** On a replayed event: the replay it belongs to. */
    public static final String REPLAY_ID = "VoucherifyReplayId";
    /** On a replayed event: the one target it goes to, if the replay named one (among those the rules choose). */
    public static final String REPLAY_TARGET = "VoucherifyReplayTarget";
    /** On a replayed event: true to deliver again to targets that already have it (a new delivery key). */
    public static final String REDELIVER = "VoucherifyRedeliver";
    /** Comma-separated target names chosen by the dispatch rules, e.g. {@code finance-email,ledger}. */
    public static final String TARGETS = "VoucherifyTargets";
    /** The one target a message on a target queue is for. */
    public static final String TARGET = "VoucherifyTarget";
    /** Identifies one delivery (target + transaction or event); the broker drops a second copy. */
    public static final String DELIVERY_KEY = "VoucherifyDeliveryKey";
    /** Failed attempts so far, carried on the message itself so that the count survives restarts. */
    public static final String FAILED_ATTEMPTS = "VoucherifyFailedAttempts";
    /** Why the last attempt failed, on a message waiting for its next attempt. */
    public static final String LAST_FAILURE = "VoucherifyLastFailure";
    /** Why a dead letter was parked: the failure, as {@code Class: message}. */
    public static final String FAILURE_REASON = "VoucherifyFailureReason";
    /** {@code permanent} (parked at the first failure) or {@code exhausted} (every retry failed). */
    public static final String FAILURE_KIND = "VoucherifyFailureKind";
    public static final String FAILED_AT = "VoucherifyFailedAt";
    /** Artemis' scheduled delivery time (epoch milliseconds): the broker holds the message until then. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    /** The headers that describe a failure; a replay or a new delivery starts without them. */
    public static final java.util.Set<String> FAILURE_HEADERS = java.util.Set.of(FAILED_ATTEMPTS, LAST_FAILURE, FAILURE_REASON,
            FAILURE_KIND, FAILED_AT, SCHEDULED_DELIVERY);

    private RoutingHeaders() {
    }
}
