package io.voucherifycamel.event;

/** Why a signed body was quarantined instead of accepted; the code is what operators see. */
public enum UnprocessableReason {
    MALFORMED_JSON("malformed-json"),
    NOT_AN_OBJECT("not-an-object"),
    LEGACY_ENVELOPE("legacy-envelope"),
    NO_ENVELOPE("no-envelope"),
    NO_EVENT_TYPE("no-event-type"),
    UNREADABLE_PAYLOAD("unreadable-payload");

    private final String code;

    UnprocessableReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
