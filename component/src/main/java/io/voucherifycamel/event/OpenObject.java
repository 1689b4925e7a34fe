package io.voucherifycamel.event;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Base of every model object. Voucherify adds fields without notice and distribution users may
 * add their own, so whatever a class does not name is kept here and written back unchanged.
 */
public abstract class OpenObject {

    // transient keeps Jackson from also writing the map itself as a field named "other"
    private final transient Map<String, JsonNode> other = new LinkedHashMap<>();

    @JsonAnySetter
    void putOther(String name, JsonNode value) {
        other.put(name, value);
    }

    /** The fields this model does not name, in their original order and form. */
    @JsonAnyGetter
    public Map<String, JsonNode> getOther() {
        return other;
    }
}
