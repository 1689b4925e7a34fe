package io.voucherifycamel.event;

/**
 * A balance change: {@code amount} (gift, cents) or {@code points} (loyalty) is the signed change,
 * {@code balance} the value after it. {@code operation_type} is often absent (docs/PROTOCOL.md §4).
 */
public class Balance extends OpenObject {

    private String type;
    private Long total;
    private Long amount;
    private Long points;
    private Long balance;
    private String operationType;
    private String object;

    public String getType() {
        return type;
    }

    public Long getTotal() {
        return total;
    }

    public Long getAmount() {
        return amount;
    }

    public Long getPoints() {
        return points;
    }

    public Long getBalance() {
        return balance;
    }

    public String getOperationType() {
        return operationType;
    }

    public String getObject() {
        return object;
    }
}
