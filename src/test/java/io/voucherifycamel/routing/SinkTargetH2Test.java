package io.voucherifycamel.routing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.support.GreenMailResource;
import io.voucherifycamel.support.TestRoutes;

/**
 * {@link SinkTargetTest} on the product's default database, H2 in MODE=PostgreSQL: the ledger sink's
 * INSERT ... ON CONFLICT DO NOTHING and the sink-target's CAMEL_MESSAGEPROCESSED on H2 too (H2 refuses
 * a conflict target such as ON CONFLICT (transaction_id), which the Kamelet therefore does not write).
 */
@QuarkusTest
@TestProfile(SinkTargetH2Test.Profile.class)
class SinkTargetH2Test extends SinkTargetTest {

    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", TestRoutes.copy(RULE, Map.of("sinks.camel.yaml", SINKS)).toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GreenMailResource.class));
        }
    }
}
