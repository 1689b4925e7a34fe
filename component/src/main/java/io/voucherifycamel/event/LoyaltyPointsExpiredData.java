package io.voucherifycamel.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code customer.voucher.loyalty_card.points_expired} and {@code voucher.loyalty_card.points_expired}:
 * no {@code balance}; the expired {@code points} and the {@code buckets} they came from.
 */
public class LoyaltyPointsExpiredData extends BalanceEventData {

    private Long points;
    private List<JsonNode> buckets;

    public Long getPoints() {
        return points;
    }

    public List<JsonNode> getBuckets() {
        return buckets;
    }
}
