package io.voucherifycamel.event;

/**
 * A card transaction ({@code vtx_…}). {@code reason} is free text typed by a person or an API
 * caller, {@code source} an open string, {@code details} may be null (docs/PROTOCOL.md §4).
 */
public class Transaction extends OpenObject {

    private String id;
    private String sourceId;
    private String voucherId;
    private String campaignId;
    private String source;
    private String reason;
    private String type;
    private Details details;
    private String relatedTransactionId;
    private String createdAt;

    public String getId() {
        return id;
    }

    public String getSourceId() {
        return sourceId;
    }

    public String getVoucherId() {
        return voucherId;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public String getSource() {
        return source;
    }

    public String getReason() {
        return reason;
    }

    public String getType() {
        return type;
    }

    public Details getDetails() {
        return details;
    }

    public String getRelatedTransactionId() {
        return relatedTransactionId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    /** {@code transaction.details}; besides {@code balance} it may carry order, redemption, rollback … kept as JSON. */
    public static class Details extends OpenObject {

        private Balance balance;

        public Balance getBalance() {
            return balance;
        }
    }
}
