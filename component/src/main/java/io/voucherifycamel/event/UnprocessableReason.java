package io.voucherifycamel.event;

/** Why a signed body was quarantined instead of accepted; the code is what operators see. */
public enum UnprocessableReason {
    MALFORMED_JSON("malformed-json"),
    NOT_AN_OBJECT("not-an-object"),
    LEGACY_ENVELOPE("legacy-envelope"),
    NO_ENVELOPE("no-envelope"),
    NO_EVENT_TYPE("no-event-type"),
    UNREADABLE_PAYLOAD("unreadable-payload"),
    /** An id the receipt table cannot keep as it is (a control character, an unpaired surrogate, too long), or a value the database refused. */
    UNSTORABLE_VALUE("unstorable-value"),
    /** Reading or storing it failed for a reason nobody foresaw; kept so that nothing is lost. */
    INTERNAL_ERROR("internal-error");

    private final String code;

    UnprocessableReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
