package io.voucherifycamel.history;

/** A lookup or replay request that cannot be served as asked: the admin API answers {@link #status()}. */
public class HistoryRequestException extends RuntimeException {

    private final int status;

    HistoryRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    static HistoryRequestException notFound(String what) {
        return new HistoryRequestException(404, what + " not found");
    }

    static HistoryRequestException badRequest(String message) {
        return new HistoryRequestException(400, message);
    }

    public int status() {
        return status;
    }
}
