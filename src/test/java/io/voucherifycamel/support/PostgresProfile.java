package io.voucherifycamel.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The same jar on PostgreSQL instead of H2: only configuration changes. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
