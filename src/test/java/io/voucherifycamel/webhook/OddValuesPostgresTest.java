package io.voucherifycamel.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.support.PostgresProfile;

/** The odd values against a real PostgreSQL (zonky), which refuses NUL characters in text columns. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class OddValuesPostgresTest extends OddValuesTest {
}
