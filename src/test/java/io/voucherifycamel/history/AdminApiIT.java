package io.voucherifycamel.history;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.voucherifycamel.support.NativeBuildServices;

/**
 * {@link AdminApiTest}'s assertions against the packaged jar, and against the native profile's
 * artifact with {@code -Dnative} (then on PostgreSQL and an external broker: {@link NativeBuildServices}).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeBuildServices.class)
class AdminApiIT extends AdminApiTest {
}
