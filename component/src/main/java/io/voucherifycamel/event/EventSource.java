package io.voucherifycamel.event;

/** The envelope's {@code source}: the project webhook ({@code wh_…}) or distribution ({@code distr_…}) that sent it. */
public class EventSource extends OpenObject {

    private String id;
    private String object;
    private String targetUrl;

    public String getId() {
        return id;
    }

    public String getObject() {
        return object;
    }

    public String getTargetUrl() {
        return targetUrl;
    }
}
