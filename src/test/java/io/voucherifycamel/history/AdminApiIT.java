package io.voucherifycamel.history;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AdminApiTest}'s assertions against the packaged jar (and a native binary, where one is built). */
@QuarkusIntegrationTest
class AdminApiIT extends AdminApiTest {
}
