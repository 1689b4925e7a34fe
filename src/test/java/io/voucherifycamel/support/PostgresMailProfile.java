package io.voucherifycamel.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Production shape in one JVM: a real PostgreSQL (zonky) and a real SMTP server (GreenMail). */
public class PostgresMailProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(GreenMailResource.class));
    }
}
