package io.voucherifycamel.retry;

/**
 * Thrown when an event can never be taken as it is: by a target (a field it needs is missing, the
 * event is of a kind it does not handle), or by {@code EventReader.readAccepted} for an accepted
 * event that no longer reads. Retrying cannot help, so the message is dead-lettered at once.
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
