package io.voucherifycamel.event;

/** The campaign ({@code camp_…}) a card belongs to. */
public class Campaign extends OpenObject {

    private String id;
    private String name;
    private String campaignType;
    private String type;

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCampaignType() {
        return campaignType;
    }

    public String getType() {
        return type;
    }
}
