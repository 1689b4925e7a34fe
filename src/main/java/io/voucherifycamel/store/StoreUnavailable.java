package io.voucherifycamel.store;

/** Thrown on the request path while a store is known to be unreachable: answered 503 at once. */
public class StoreUnavailable extends RuntimeException {

    private final Store store;

    public StoreUnavailable(Store store) {
        super("the " + store.label() + " is unreachable", null, false, false);
        this.store = store;
    }

    public Store store() {
        return store;
    }
}
