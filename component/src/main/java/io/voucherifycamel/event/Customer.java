package io.voucherifycamel.event;

/** A Voucherify customer ({@code cust_…}), as {@code customer} or {@code holder}. */
public class Customer extends OpenObject {

    private String id;
    private String name;
    private String email;
    private String sourceId;

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getSourceId() {
        return sourceId;
    }
}
