package io.voucherifycamel.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The product with a real SMTP server (GreenMail) configured, and 8 retries (200 ms doubling to at
 * most 1 s, about 6 s in all): a short SMTP outage must outlast posting and delivering 20 other events
 * on a loaded 2-core machine, which the test profile's 3 retries (about 1.6 s) did not always allow.
 */
public class MailProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("voucherify.delivery.max-redeliveries", "8");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class));
    }
}
