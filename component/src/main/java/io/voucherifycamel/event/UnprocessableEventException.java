package io.voucherifycamel.event;

import io.voucherifycamel.retry.PermanentFailure;

/**
 * A body that cannot be read into a {@link WebhookEvent}, with the {@link UnprocessableReason}: thrown by
 * the {@code voucherify} data format. Reading it again cannot help, so it is a {@link PermanentFailure};
 * its message is the reader's safe detail (positions and field names, never the body's content).
 */
public class UnprocessableEventException extends PermanentFailure {

    private final transient ReadResult.Unprocessable unprocessable;

    public UnprocessableEventException(ReadResult.Unprocessable unprocessable) {
        super("body is not a readable Voucherify event (" + unprocessable.reason().name() + "): " + unprocessable.detail());
        this.unprocessable = unprocessable;
    }

    /** Why the body cannot be read. */
    public UnprocessableReason reason() {
        return unprocessable.reason();
    }

    /** The reader's detail, safe to log. */
    public String detail() {
        return unprocessable.detail();
    }
}
