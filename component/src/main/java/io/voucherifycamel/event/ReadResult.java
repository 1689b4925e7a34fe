package io.voucherifycamel.event;

/** What {@link EventReader} made of a body: an event to accept, or a reason to quarantine it. */
public sealed interface ReadResult permits ReadResult.Readable, ReadResult.Unprocessable {

    /** A body in the v2024-01-01 envelope with an event type, bound to the model. */
    record Readable(WebhookEvent event) implements ReadResult {
    }

    /**
     * An authentic body that cannot be processed. {@code detail} says why in words safe to show and
     * log: it names positions and fields, never the body's content.
     */
    record Unprocessable(UnprocessableReason reason, String detail, String eventType) implements ReadResult {
    }
}
