package io.voucherifycamel.failure;

/**
 * Thrown when a target can never take an event as it is (a field it needs is missing, the event is
 * of a kind it does not handle): retrying cannot help, so the message is dead-lettered at once.
 * The message says what is wrong in words safe to log: field names, never the payload's values.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
