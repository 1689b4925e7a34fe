package io.voucherifycamel.event;

/** A gift card or loyalty card ({@code v_…}). */
public class Voucher extends OpenObject {

    private String id;
    private String code;
    private String type;
    private String campaign;
    private String campaignId;
    private String holderId;
    private Gift gift;
    private LoyaltyCard loyaltyCard;

    public String getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getType() {
        return type;
    }

    public String getCampaign() {
        return campaign;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public String getHolderId() {
        return holderId;
    }

    public Gift getGift() {
        return gift;
    }

    public LoyaltyCard getLoyaltyCard() {
        return loyaltyCard;
    }

    /** A gift card's value, in cents. */
    public static class Gift extends OpenObject {

        private Long amount;
        private Long balance;
        private String effect;

        public Long getAmount() {
            return amount;
        }

        public Long getBalance() {
            return balance;
        }

        public String getEffect() {
            return effect;
        }
    }

    /** A loyalty card's points. */
    public static class LoyaltyCard extends OpenObject {

        private Long points;
        private Long balance;

        public Long getPoints() {
            return points;
        }

        public Long getBalance() {
            return balance;
        }
    }
}
