package io.voucherifycamel.event;

/** The envelope's {@code event}: the canonical event id and name (docs/PROTOCOL.md §1). */
public class EventInfo extends OpenObject {

    private String id;
    private String type;
    private String createdAt;
    private String entityId;
    private String groupId;

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getGroupId() {
        return groupId;
    }
}
