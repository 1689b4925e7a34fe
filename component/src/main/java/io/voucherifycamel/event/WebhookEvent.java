package io.voucherifycamel.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One Voucherify webhook in the v2024-01-01 envelope (docs/PROTOCOL.md §1), with its typed {@code data}
 * and the JSON exactly as Voucherify sent it.
 */
public class WebhookEvent extends OpenObject {

    private String id;
    private String projectId;
    private String createdAt;
    private String type;
    private EventSource source;
    private EventInfo event;
    private EventData data;

    @JsonIgnore
    private String json;

    public String getId() {
        return id;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    /** The envelope's {@code type}: the event name for project webhooks, a free label for distributions. */
    public String getType() {
        return type;
    }

    public EventSource getSource() {
        return source;
    }

    public EventInfo getEvent() {
        return event;
    }

    public EventData getData() {
        return data;
    }

    /** The body as received: what is forwarded, so nothing Voucherify sent is lost in re-serialisation. */
    public String getJson() {
        return json;
    }

    /** The canonical event name: {@code event.type}, else the envelope's {@code type} (docs/PROTOCOL.md §1). */
    public String getEventType() {
        return firstNonBlank(event == null ? null : event.getType(), type);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }

    void attach(EventData data, String json) {
        this.data = data;
        this.json = json;
    }
}
