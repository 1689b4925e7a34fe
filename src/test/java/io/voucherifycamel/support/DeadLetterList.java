package io.voucherifycamel.support;

import java.util.List;
import java.util.Map;

/** The dead letters as the admin API lists them. */
public final class DeadLetterList {

    private DeadLetterList() {
    }

    public static List<Map<String, Object>> all() {
        return Admin.admin().get("/admin/dead-letters").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The dead letter of this transaction (target messages) or event (inbox messages), or null. */
    public static Map<String, Object> of(String transactionId, String eventId) {
        return all().stream()
                .filter(e -> transactionId != null && transactionId.equals(e.get("transaction_id"))
                        || eventId != null && eventId.equals(e.get("event_id")))
                .findFirst().orElse(null);
    }
}
