package io.voucherifycamel.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The product with a real SMTP server (GreenMail) configured. */
public class MailProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class));
    }
}
